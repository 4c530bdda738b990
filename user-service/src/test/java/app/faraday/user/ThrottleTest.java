package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Brute-force protection: back-off per (email, IP), a ceiling per email, the same answers for everyone. */
@QuarkusTest
class ThrottleTest {

    private static final String WRONG = "definitely not the password";

    @Inject
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static Response login(String email, String password, String ip) {
        return given().header("X-Forwarded-For", ip).contentType("application/json")
                .body(Map.of("email", email, "password", password)).post("/api/v1/auth/login");
    }

    private static void failTimes(String email, String ip, int times) {
        for (int i = 0; i < times; i++) {
            assertEquals(401, login(email, WRONG, ip).statusCode(), "attempt " + (i + 1));
        }
    }

    @Test
    void fiveFreeTriesThenALockThatDoubles() {
        Accounts.Account a = Accounts.teacher("backoff");
        failTimes(a.email(), "198.51.100.1", 6);
        Response locked = login(a.email(), Accounts.PASSWORD, "198.51.100.1");
        assertEquals(429, locked.statusCode());
        assertEquals("application/problem+json", locked.contentType());
        int first = Integer.parseInt(locked.header("Retry-After"));
        assertTrue(first > 50 && first <= 60, "about a minute: " + first);

        clock.advance(Duration.ofSeconds(61));
        failTimes(a.email(), "198.51.100.1", 1);
        int second = Integer.parseInt(login(a.email(), Accounts.PASSWORD, "198.51.100.1").header("Retry-After"));
        assertTrue(second > 110 && second <= 120, "doubled: " + second);

        clock.advance(Duration.ofMinutes(3));
        login(a.email(), Accounts.PASSWORD, "198.51.100.1").then().statusCode(200);
        failTimes(a.email(), "198.51.100.1", 5);
        login(a.email(), Accounts.PASSWORD, "198.51.100.1").then().statusCode(200);
    }

    @Test
    void theLockNeverExceedsFifteenMinutes() {
        Accounts.Account a = Accounts.teacher("maxlock");
        failTimes(a.email(), "198.51.100.2", 6);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(16));
            failTimes(a.email(), "198.51.100.2", 1);
        }
        int wait = Integer.parseInt(login(a.email(), Accounts.PASSWORD, "198.51.100.2").header("Retry-After"));
        assertTrue(wait > 800 && wait <= 900, "capped at 15 minutes: " + wait);
    }

    @Test
    void anotherAddressIsNotLockedOut() {
        Accounts.Account a = Accounts.teacher("isolation");
        failTimes(a.email(), "203.0.113.66", 6);
        login(a.email(), Accounts.PASSWORD, "203.0.113.66").then().statusCode(429);
        login(a.email(), Accounts.PASSWORD, "192.0.2.10").then().statusCode(200);
    }

    @Test
    void aStreakStartsOverAfterTwelveQuietHours() {
        Accounts.Account a = Accounts.teacher("reset");
        failTimes(a.email(), "198.51.100.3", 5);
        clock.advance(Duration.ofHours(13));
        failTimes(a.email(), "198.51.100.3", 5);
        login(a.email(), Accounts.PASSWORD, "198.51.100.3").then().statusCode(200);
    }

    @Test
    void knownAndUnknownEmailsAreThrottledAlike() {
        Accounts.Account a = Accounts.teacher("alike");
        String unknown = Accounts.email("ghost");
        failTimes(a.email(), "198.51.100.4", 6);
        failTimes(unknown, "198.51.100.4", 6);
        Response known = login(a.email(), WRONG, "198.51.100.4");
        Response ghost = login(unknown, WRONG, "198.51.100.4");
        assertEquals(429, known.statusCode());
        assertEquals(429, ghost.statusCode());
        assertEquals(body(known), body(ghost));
        int knownWait = Integer.parseInt(known.header("Retry-After"));
        int ghostWait = Integer.parseInt(ghost.header("Retry-After"));
        assertTrue(Math.abs(knownWait - ghostWait) <= 2, knownWait + " vs " + ghostWait + ": the locks began a moment apart");
    }

    @Test
    void aHundredFailuresAnHourLockTheEmailEverywhere() {
        Accounts.Account a = Accounts.teacher("ceiling");
        for (int i = 0; i < 100; i++) {
            login(a.email(), WRONG, "10.1." + (i / 200) + "." + (i % 200 + 1)).then().statusCode(401);
        }
        Response fromSchool = login(a.email(), Accounts.PASSWORD, "192.0.2.200");
        assertEquals(429, fromSchool.statusCode());
        int wait = Integer.parseInt(fromSchool.header("Retry-After"));
        assertTrue(wait > 0 && wait <= 3600, "until the hour is over: " + wait);
        clock.advance(Duration.ofSeconds(wait + 1));
        login(a.email(), Accounts.PASSWORD, "192.0.2.200").then().statusCode(200);
    }

    @Test
    void signInOutcomesAreAuditedWithoutTheTypedEmail() throws Exception {
        Accounts.Account a = Accounts.teacher("events");
        login(a.email(), WRONG, "198.51.100.5").then().statusCode(401);
        login(a.email(), Accounts.PASSWORD, "198.51.100.5").then().statusCode(200).body("tokenType", equalTo("Bearer"));
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            assertEquals(java.util.List.of("failure", "success"), Sql.strings(c,
                    "select outcome from users.login_events where user_id = ? and client_ip = '198.51.100.5' order by id", a.id()));
            assertEquals(2, Sql.count(c, "select count(*) from users.audit_log where table_name = 'login_events'"
                    + " and changes ->> 'user_id' = ?", a.id().toString()));
            assertEquals(0, Sql.count(c, "select count(*) from users.login_events e, users.login_throttle t"
                    + " where position(convert_to(?, 'UTF8') in e.email_hash) > 0", a.email()));
        }
    }

    private static String body(Response response) {
        return new String(response.asByteArray(), StandardCharsets.UTF_8).replaceAll("\"requestId\":\"[^\"]*\"", "");
    }
}
