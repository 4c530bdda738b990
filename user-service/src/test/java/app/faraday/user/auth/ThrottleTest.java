package app.faraday.user.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.user.Accounts;
import app.faraday.user.MutableClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Brute-force protection: back-off per (email, IP), a ceiling per email, the same answers for everyone. */
@QuarkusTest
class ThrottleTest {

    private static final String WRONG = "definitely not the password";

    @Inject
    MutableClock clock;

    @TestHTTPResource("/api/v1/auth/login")
    URI loginUri;

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

    /** Wrong passwords for each (email, address), sent all at once: faster, and each must still be a 401. */
    private void failAllAtOnce(List<String[]> attempts) {
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<Integer>> answers = attempts.stream().map(attempt -> http.sendAsync(
                HttpRequest.newBuilder(loginUri).header("Content-Type", "application/json")
                        .header("X-Forwarded-For", attempt[1])
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + attempt[0]
                                + "\",\"password\":\"" + WRONG + "\"}"))
                        .build(), HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode)).toList();
        assertEquals(List.of(401), answers.stream().map(CompletableFuture::join).distinct().toList());
    }

    private static List<String[]> fromManyAddresses(String email, String prefix, int addresses, int each) {
        List<String[]> attempts = new java.util.ArrayList<>();
        for (int i = 0; i < addresses; i++) {
            for (int j = 0; j < each; j++) {
                attempts.add(new String[] { email, prefix + (i / 200) + "." + (i % 200 + 1) });
            }
        }
        return attempts;
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
        long knownLocked = System.nanoTime();
        failTimes(unknown, "198.51.100.4", 6);
        // Six password checks apart: seconds on a busy machine, so the second lock ends that much later.
        long apart = Math.round((System.nanoTime() - knownLocked) / 1e9);
        Response known = login(a.email(), WRONG, "198.51.100.4");
        Response ghost = login(unknown, WRONG, "198.51.100.4");
        assertEquals(429, known.statusCode());
        assertEquals(429, ghost.statusCode());
        assertEquals(body(known), body(ghost));
        int knownWait = Integer.parseInt(known.header("Retry-After"));
        int ghostWait = Integer.parseInt(ghost.header("Retry-After"));
        assertTrue(Math.abs(ghostWait - knownWait - apart) <= 2,
                knownWait + " vs " + ghostWait + ": the locks began " + apart + " s apart");
    }

    @Test
    void aHundredFailuresAnHourLockTheEmailEverywhere() {
        Accounts.Account a = Accounts.teacher("ceiling");
        failAllAtOnce(fromManyAddresses(a.email(), "10.1.", 100, 1));
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
                    "select outcome from users.login_events where user_id = ? and client_ip = '198.51.100.5'"
                            + " order by id", a.id()));
            assertEquals(2, Sql.count(c, "select count(*) from users.audit_log where table_name = 'login_events'"
                    + " and changes ->> 'user_id' = ?", a.id().toString()));
            assertEquals(0, Sql.count(c, "select count(*) from users.login_events e, users.login_throttle t"
                    + " where position(convert_to(?, 'UTF8') in e.email_hash) > 0", a.email()));
        }
    }

    @Test
    void theBackOffHoldsAtAnyNumberOfFailures() throws Exception {
        // One wrong try every 15 minutes reaches these counts; the 44th used to overflow the lock's interval.
        for (int failures : new int[] { 44, 100, 10_000 }) {
            Accounts.Account a = Accounts.teacher("overflow");
            String ip = "198.51.100.44";
            failTimes(a.email(), ip, 6);
            try (Connection c = TestDatabase.get().connectAsAdmin()) {
                assertEquals(1, Sql.update(c, "update users.login_throttle set failures = ? where key_hash = ?",
                        failures - 1, pairKey(a.email(), ip)));
            }
            clock.advance(Duration.ofMinutes(16));
            Response wrong = login(a.email(), WRONG, ip);
            assertEquals(401, wrong.statusCode(), "failure " + failures + " is answered as a failure");
            Response right = login(a.email(), Accounts.PASSWORD, ip);
            assertEquals(429, right.statusCode(), "failure " + failures + " locks the pair");
            int wait = Integer.parseInt(right.header("Retry-After"));
            assertTrue(wait > 800 && wait <= 900, "the lock is the 15-minute cap: " + wait);
            clock.advance(Duration.ofMinutes(16));
            login(a.email(), Accounts.PASSWORD, ip).then().statusCode(200);
        }
    }

    @Test
    void aBurstOfParallelGuessesGetsTheFreeTriesAndOneMore() {
        Accounts.Account a = Accounts.teacher("burst");
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"email\":\"" + a.email() + "\",\"password\":\"" + WRONG + "\"}";
        List<CompletableFuture<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(loginUri).header("Content-Type", "application/json")
                    .header("X-Forwarded-For", "198.51.100.24").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode));
        }
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
        long checked = statuses.stream().filter(s -> s == 401).count();
        long refused = statuses.stream().filter(s -> s == 429).count();
        assertEquals(24, checked + refused, "only 401 and 429: " + statuses);
        assertTrue(checked <= 6, "at most the 5 free tries and one more were checked: " + statuses);
        assertTrue(checked >= 1, "the first try is checked: " + statuses);
    }

    @Test
    void aTeacherSignsInFromHerKnownAddressWhileHerEmailIsAttacked() {
        Accounts.Account a = Accounts.teacher("known");
        String school = "192.0.2.77";
        login(a.email(), Accounts.PASSWORD, school).then().statusCode(200);
        // 20 addresses, 5 tries each: inside every pair's free tries, but 100 for the email this hour.
        failAllAtOnce(fromManyAddresses(a.email(), "10.3.", 20, 5));
        login(a.email(), Accounts.PASSWORD, "192.0.2.78").then().statusCode(429);
        login(a.email(), Accounts.PASSWORD, school).then().statusCode(200);
        // The known address keeps its own back-off.
        failTimes(a.email(), school, 6);
        login(a.email(), Accounts.PASSWORD, school).then().statusCode(429);
    }

    @Test
    void anAddressIsKnownForThirtyDaysAfterItsLastSuccess() {
        Accounts.Account a = Accounts.teacher("forgotten");
        String home = "192.0.2.79";
        login(a.email(), Accounts.PASSWORD, home).then().statusCode(200);
        clock.advance(Duration.ofDays(31));
        failAllAtOnce(fromManyAddresses(a.email(), "10.2.", 100, 1));
        login(a.email(), Accounts.PASSWORD, home).then().statusCode(429);
    }

    @Test
    void failuresFromOneAddressAreCappedAcrossEmailsKnownOrNot() {
        String office = "198.51.100.100";
        Accounts.Account regular = Accounts.teacher("regular");
        Accounts.Account newcomer = Accounts.teacher("newcomer");
        login(regular.email(), Accounts.PASSWORD, office).then().statusCode(200);
        List<String[]> sprayed = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String email = i % 10 == 0 ? Accounts.teacher("sprayed").email() : Accounts.email("sprayed");
            sprayed.add(new String[] { email, office });
        }
        failAllAtOnce(sprayed);
        Response unknown = login(Accounts.email("late"), WRONG, office);
        Response firstTime = login(newcomer.email(), Accounts.PASSWORD, office);
        assertEquals(429, unknown.statusCode());
        assertEquals(429, firstTime.statusCode());
        assertEquals(body(unknown), body(firstTime));
        login(regular.email(), Accounts.PASSWORD, office).then().statusCode(200);
        login(newcomer.email(), Accounts.PASSWORD, "198.51.100.101").then().statusCode(200);
    }

    @Test
    void aSchoolSignsInTogetherFromOneAddress() {
        String school = "192.0.2.100";
        for (int i = 0; i < 60; i++) {
            Accounts.Account teacher = Accounts.teacher("morning");
            login(teacher.email(), Accounts.PASSWORD, school).then().statusCode(200);
        }
    }

    private static byte[] pairKey(String email, String ip) {
        return Sha256.of("pair|" + email.toLowerCase(Locale.ROOT) + "|" + ip);
    }

    private static String body(Response response) {
        return new String(response.asByteArray(), StandardCharsets.UTF_8).replaceAll("\"requestId\":\"[^\"]*\"", "");
    }
}
