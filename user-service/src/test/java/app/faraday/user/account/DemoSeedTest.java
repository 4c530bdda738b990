package app.faraday.user.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;

/** The local stack's demo data: the Springfield district, seeded once, usable at once. */
@QuarkusTest
@TestProfile(DemoSeedTest.Seeding.class)
class DemoSeedTest {

    static final String TEACHER_PASSWORD = "test-only teacher passphrase";
    static final String ADMIN_PASSWORD = "test-only admin passphrase";

    public static class Seeding implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("faraday.seed.demo", "true", "faraday.seed.teacher-password", TEACHER_PASSWORD,
                    "faraday.seed.admin-password", ADMIN_PASSWORD);
        }
    }

    @Inject
    DemoSeeder seeder;

    @Test
    void theDistrictIsSeededOnceWithPreferences() throws Throwable {
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            String demo = "select count(*) from users.users where email in (select unnest(?::text[]))";
            String[] emails = DemoSeeder.read().stream().map(DemoSeeder.DemoUser::email).toArray(String[]::new);
            assertEquals(33, emails.length);
            assertEquals(33, Sql.count(c, demo, (Object) emails));
            assertEquals(0, (int) VertxContextSupport.subscribeAndAwait(seeder::seed), "a second run creates nothing");
            assertEquals(33, Sql.count(c, demo, (Object) emails));
            assertEquals(33, Sql.count(c, "select count(*) from users.user_preferences p"
                    + " join users.users u on u.id = p.user_id"
                    + " where u.email like '%@springfield.edu' and p.timezone = 'America/Chicago'"));
        }
    }

    @Test
    void demoTeachersAndTheAdminCanSignIn() {
        String token = given().contentType("application/json")
                .body(Map.of("email", "maria.lopez@springfield.edu", "password", TEACHER_PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(token).get("/api/v1/users/me").then().statusCode(200)
                .body("school", equalTo("Lincoln Elementary")).body("gradeLevels", hasItem("K"));
        String admin = given().contentType("application/json")
                .body(Map.of("email", "admin@springfield.edu", "password", ADMIN_PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(admin).get("/api/v1/users/audit-chain").then().statusCode(200)
                .body("valid", equalTo(true));
    }
}
