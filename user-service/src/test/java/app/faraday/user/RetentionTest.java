package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.user.auth.Retention;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The purge job, with the time given to it: sign-in outcomes go after 90 days, refresh tokens 30 days after
 * their session ended (a spent token stays while its session lives), idle throttle counters after a day,
 * sign-in sources after the 30 days they count as known. Counted below the service.
 */
@QuarkusTest
class RetentionTest {

    @Inject
    Retention retention;

    private static long count(String sql, Object... params) {
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            return Sql.count(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String login(String email, String password, int status) {
        return given().contentType("application/json").body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then().statusCode(status).extract().path("refreshToken");
    }

    private void runAt(Instant start, Duration later) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> retention.run(start.plus(later)));
    }

    @Test
    void onlyTheServiceRoleMayPurge() throws Exception {
        Accounts.Account a = Accounts.teacher("purger");
        try (Connection c = TestDatabase.get().connectAsApp("users")) {
            c.setAutoCommit(false);
            for (String roles : new String[] { "teacher", "admin,teacher" }) {
                Sql.context(c, a.id(), roles);
                for (String call : new String[] { "select users.purge_login_events(now() + interval '1000 days', 10)",
                    "select users.purge_refresh_tokens(now() + interval '1000 days', 10)",
                    "select users.purge_login_state(now() + interval '9 days', now(), now(), 10)" }) {
                    assertEquals("42501", Sql.failure(c, call), roles + ": " + call);
                }
                c.rollback();
            }
        }
    }

    @Test
    void eachKindOfRowGoesWhenItsTimeIsUpAndNotBefore() throws Throwable {
        Instant start = Instant.now();
        Accounts.Account a = Accounts.teacher("retained");
        login(a.email(), "not the password at all", 401);
        login(a.email(), Accounts.PASSWORD, 200);
        String ended = login(a.email(), Accounts.PASSWORD, 200);
        given().auth().oauth2(a.token()).contentType("application/json").body(Map.of("refreshToken", ended))
                .post("/api/v1/auth/logout").then().statusCode(204);
        String events = "select count(*) from users.login_events where user_id = ?";
        String liveTokens = "select count(*) from users.refresh_tokens where user_id = ? and revoked_at is null";
        String endedTokens = "select count(*) from users.refresh_tokens where user_id = ? and revoked_at is not null";
        String known = "select count(*) from users.login_known_sources where user_id = ?";
        String throttled = "select count(*) from users.login_throttle where last_failure_at >= ?::timestamptz";
        assertEquals(3, count(events, a.id()));
        assertEquals(1, count(liveTokens, a.id()));
        assertEquals(1, count(endedTokens, a.id()));
        assertEquals(1, count(known, a.id()));
        assertTrue(count(throttled, start.minusSeconds(1).toString()) > 0);

        runAt(start, Duration.ofHours(1));
        assertEquals(3, count(events, a.id()));
        assertEquals(1, count(endedTokens, a.id()));
        assertTrue(count(throttled, start.minusSeconds(1).toString()) > 0, "a failure of the last day is kept");

        runAt(start, Duration.ofHours(25));
        assertEquals(0, count(throttled, start.minusSeconds(1).toString()), "idle for a day: counters go");
        assertEquals(1, count(known, a.id()));

        runAt(start, Duration.ofDays(31));
        assertEquals(0, count(endedTokens, a.id()), "30 days after the sign-out");
        assertEquals(1, count(liveTokens, a.id()), "its session ends only after 30 days, then 30 more");
        assertEquals(0, count(known, a.id()), "known for 30 days after the last success");
        assertEquals(3, count(events, a.id()));

        runAt(start, Duration.ofDays(61));
        assertEquals(0, count(liveTokens, a.id()));
        assertEquals(3, count(events, a.id()));

        runAt(start, Duration.ofDays(91));
        assertEquals(0, count(events, a.id()));
        assertEquals(1, count("select count(*) from users.users where id = ?", a.id()), "the account stays");
        assertTrue(count("select count(*) from users.audit_log where table_name = 'login_events' and op = 'DELETE'")
                >= 3, "the purge is itself in the audit trail");
    }
}
