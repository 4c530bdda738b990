package app.faraday.user.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.user.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * With every password-check slot taken, sign-in and password change answer 503 with Retry-After at
 * once, and count nothing: no throttle row, no sign-in event, no lock-out afterwards.
 */
@QuarkusTest
@TestProfile(SignInUnderLoadTest.OneSlot.class)
class SignInUnderLoadTest {

    public static class OneSlot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("faraday.password.hash-threads", "1", "faraday.password.hash-queue", "0");
        }
    }

    @Inject
    PasswordHasher hasher;

    private final AtomicReference<UniEmitter<? super Void>> holder = new AtomicReference<>();

    @AfterEach
    void giveTheSlotBack() {
        UniEmitter<? super Void> emitter = holder.getAndSet(null);
        if (emitter != null) {
            emitter.complete(null);
        }
    }

    @Test
    void aSignInBeyondTheQueueIs503WithRetryAfterAndCountsNothing() throws Exception {
        Accounts.Account teacher = Accounts.teacher("busy");
        long throttleRows = count("select count(*) from users.login_throttle");
        long events = count("select count(*) from users.login_events");
        takeTheOnlySlot();

        for (int i = 0; i < 8; i++) { // more than the free tries: none of them may count
            Response busy = given().contentType("application/json")
                    .body(Map.of("email", teacher.email(), "password", Accounts.PASSWORD))
                    .post("/api/v1/auth/login");
            busy.then().statusCode(503).contentType("application/problem+json")
                    .body("type", endsWith("password-checks-busy"));
            assertTrue(Integer.parseInt(busy.header("Retry-After")) >= 1);
        }
        assertEquals(throttleRows, count("select count(*) from users.login_throttle"));
        assertEquals(events, count("select count(*) from users.login_events"));

        giveTheSlotBack();
        given().contentType("application/json")
                .body(Map.of("email", teacher.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200);
    }

    @Test
    void aPasswordChangeBeyondTheQueueIs503AndCountsNothing() throws Exception {
        Accounts.Account teacher = Accounts.teacher("busy-change");
        long throttleRows = count("select count(*) from users.login_throttle");
        takeTheOnlySlot();

        given().auth().oauth2(teacher.token()).contentType("application/json")
                .body(Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "harbour violet quartz meadow"))
                .put("/api/v1/users/me/password")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", endsWith("password-checks-busy")).header("Retry-After", notNullValue());
        assertEquals(throttleRows, count("select count(*) from users.login_throttle"));
    }

    /** Holds the one slot with work that ends only when the test says so. */
    private void takeTheOnlySlot() {
        hasher.withSlot(slot -> Uni.createFrom().<Void>emitter(holder::set)).subscribe().with(ignored -> {
        });
        assertTrue(holder.get() != null, "the slot was free");
    }

    private static long count(String sql) throws Exception {
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            return Sql.count(c, sql);
        }
    }
}
