package app.faraday.user.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.user.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A district that provisions accounts centrally switches registration off and may lengthen passwords. */
@QuarkusTest
@TestProfile(ConfiguredPolicyTest.Locked.class)
class ConfiguredPolicyTest {

    public static class Locked implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("faraday.registration.enabled", "false", "faraday.password.min-length", "20");
        }
    }

    @Inject
    PasswordPolicy policy;

    @Test
    void registrationCanBeSwitchedOff() throws Exception {
        String email = Accounts.email("closed");
        given().contentType("application/json")
                .body(Map.of("email", email, "password", Accounts.PASSWORD, "name", "Closed Door"))
                .post("/api/v1/auth/register")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("switched off"));
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            assertEquals(0, Sql.count(c, "select count(*) from users.users where email = ?", email));
        }
    }

    @Test
    void theMinimumLengthIsConfigurable() {
        assertTrue(policy.problems("maple kayak lantern", "a@b.c", "Ann").stream()
                .anyMatch(p -> p.contains("at least 20 characters")));
        assertTrue(policy.problems("maple kayak lantern orbit", "a@b.c", "Ann").isEmpty());
    }
}
