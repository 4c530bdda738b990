package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Erasure removes every row of the user and announces it once; the feed delivers in commit order. */
@QuarkusTest
class ErasureAndFeedTest {

    static final String SERVICE_SECRET = "test-only service secret";

    static String serviceToken() {
        return given().contentType("application/json")
                .body(Map.of("clientId", "test-consumer", "clientSecret", SERVICE_SECRET))
                .post("/api/v1/auth/service-token").then().statusCode(200).extract().path("accessToken");
    }

    private static long position() {
        return feed(0, 1000).getLong("next");
    }

    private static JsonPath feed(long after, int limit) {
        return given().auth().oauth2(serviceToken()).queryParam("after", after).queryParam("limit", limit)
                .get("/internal/events").then().statusCode(200).extract().jsonPath();
    }

    private static long rowsOf(Connection c, String userId) throws Exception {
        return Sql.count(c, "select (select count(*) from users.users where id = ?::uuid)"
                + " + (select count(*) from users.user_preferences where user_id = ?::uuid)"
                + " + (select count(*) from users.refresh_tokens where user_id = ?::uuid)"
                + " + (select count(*) from users.login_events where user_id = ?::uuid)"
                + " + (select count(*) from users.login_known_sources where user_id = ?::uuid)",
                userId, userId, userId, userId, userId);
    }

    @Test
    void erasingYourselfRemovesEveryRowAndWritesExactlyOneEvent() throws Exception {
        Accounts.Account a = Accounts.teacher("erase-me");
        given().contentType("application/json").body(Map.of("email", a.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200);
        long before = position();
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            assertEquals(5, rowsOf(c, a.id().toString()));
            given().auth().oauth2(a.token()).delete("/api/v1/users/me").then().statusCode(204);
            assertEquals(0, rowsOf(c, a.id().toString()));
            assertEquals(1, Sql.count(c, "select count(*) from users.outbox"
                    + " where type = 'user.deleted' and subject = ?",
                    a.id().toString()));
        }
        JsonPath events = feed(before, 100);
        assertEquals(List.of(a.id().toString()), events.getList("events.subject"));
        assertEquals("user.deleted", events.getString("events[0].type"));
        given().auth().oauth2(a.token()).get("/api/v1/users/me").then().statusCode(404);
        given().contentType("application/json").body(Map.of("email", a.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(401);
    }

    @Test
    void adminsEraseOthersTeachersCannot() throws Exception {
        Accounts.Account admin = Accounts.admin("eraser");
        Accounts.Account t = Accounts.teacher("erased");
        Accounts.Account other = Accounts.teacher("bystander");
        given().auth().oauth2(other.token()).delete("/api/v1/users/" + t.id()).then().statusCode(403);
        given().auth().oauth2(admin.adminToken()).delete("/api/v1/users/" + t.id()).then().statusCode(204);
        given().auth().oauth2(admin.adminToken()).delete("/api/v1/users/" + t.id()).then().statusCode(404)
                .contentType("application/problem+json");
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            assertEquals(0, rowsOf(c, t.id().toString()));
            assertEquals(2, rowsOf(c, other.id().toString()), "the bystander keeps their account and preferences");
        }
    }

    @Test
    void theLastAdminCannotEraseThemselves() throws Exception {
        Accounts.Account a = Accounts.admin("sole");
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            c.setAutoCommit(false);
            Sql.context(c, null, "admin");
            Sql.update(c, "update users.users set roles = array['teacher'] where 'admin' = any (roles) and id <> ?",
                    a.id());
            c.commit();
            long events = Sql.count(c, "select count(*) from users.outbox");
            given().auth().oauth2(a.adminToken()).delete("/api/v1/users/me").then().statusCode(409)
                    .contentType("application/problem+json");
            assertEquals(1, Sql.count(c, "select count(*) from users.users where id = ?", a.id()));
            assertEquals(events, Sql.count(c, "select count(*) from users.outbox"), "nothing announced");
        }
    }

    @Test
    void serviceTokensReadTheFeedAndNothingElse() {
        String token = serviceToken();
        String[] parts = token.split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        assertTrue(claims.contains("\"groups\":[\"service\"]"), claims);
        assertTrue(claims.contains("\"scope\":\"feed:user-service\""), claims);
        assertTrue(claims.contains("\"client_id\":\"test-consumer\""), claims);
        given().auth().oauth2(token).get("/api/v1/users/me").then().statusCode(403);
        given().auth().oauth2(token).get("/api/v1/users").then().statusCode(403);
        given().auth().oauth2(token).get("/internal/events").then().statusCode(200);
        Accounts.Account t = Accounts.teacher("feed-reader");
        given().auth().oauth2(t.token()).get("/internal/events").then().statusCode(403);
        given().get("/internal/events").then().statusCode(401);
    }

    @Test
    void aServiceTokenWithoutTheFeedsScopeIsRefused() {
        String unscoped = given().contentType("application/json")
                .body(Map.of("clientId", "unscoped-consumer", "clientSecret", SERVICE_SECRET))
                .post("/api/v1/auth/service-token").then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(unscoped).get("/internal/events").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(app.faraday.kit.testing.TestTokens.service("test-consumer", "feed:assistant-service"))
                .get("/internal/events").then().statusCode(403);
    }

    @Test
    void wrongServiceCredentialsAreRefused() {
        given().contentType("application/json").body(Map.of("clientId", "test-consumer", "clientSecret", "guess"))
                .post("/api/v1/auth/service-token").then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json")
                .body(Map.of("clientId", "unknown-service", "clientSecret", SERVICE_SECRET))
                .post("/api/v1/auth/service-token").then().statusCode(401);
        given().contentType("application/json").body(Map.of("clientId", "Bad Id!", "clientSecret", "x"))
                .post("/api/v1/auth/service-token").then().statusCode(400)
                .body("violations.field", hasItem("clientId"));
    }

    @Test
    void theFeedPagesInOrderFromACursor() {
        long start = position();
        Accounts.Account admin = Accounts.admin("feeder");
        List<String> erased = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Accounts.Account t = Accounts.teacher("feed-" + i);
            given().auth().oauth2(admin.adminToken()).delete("/api/v1/users/" + t.id()).then().statusCode(204);
            erased.add(t.id().toString());
        }
        JsonPath first = feed(start, 2);
        assertEquals(erased.subList(0, 2), first.getList("events.subject"));
        assertEquals(start + 2, first.getLong("next"));
        JsonPath rest = feed(first.getLong("next"), 100);
        assertEquals(erased.subList(2, 3), rest.getList("events.subject"));
        JsonPath empty = feed(rest.getLong("next"), 100);
        assertEquals(0, empty.getList("events").size());
        assertEquals(rest.getLong("next"), empty.getLong("next"));
        given().auth().oauth2(serviceToken()).queryParam("after", -1).get("/internal/events").then().statusCode(400);
        given().auth().oauth2(serviceToken()).queryParam("limit", 1001).get("/internal/events").then().statusCode(400);
    }

    /**
     * An event whose transaction commits late is never skipped: positions are taken under a lock held
     * to commit, so a later writer waits, and the feed never shows it before the earlier one.
     */
    @Test
    void aLateCommitIsNeverSkipped() throws Exception {
        long start = position();
        try (Connection slow = TestDatabase.get().connectAsApp(UsersDatabase.SCHEMA);
                Connection fast = TestDatabase.get().connectAsApp(UsersDatabase.SCHEMA)) {
            slow.setAutoCommit(false);
            fast.setAutoCommit(false);
            Sql.context(slow, null, "admin");
            Sql.context(fast, null, "admin");
            Sql.strings(slow, "select users.outbox_publish('test.slow', 'slow', '{}')");
            CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
                try {
                    Sql.strings(fast, "select users.outbox_publish('test.fast', 'fast', '{}')");
                    fast.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(later.isDone(), "the second writer waits for the first to commit");
            assertEquals(0, feed(start, 100).getList("events").size(), "nothing uncommitted is visible");
            slow.commit();
            later.get(10, TimeUnit.SECONDS);
        }
        JsonPath events = feed(start, 100);
        assertEquals(List.of("slow", "fast"), events.getList("events.subject"));
        assertEquals(List.of((int) start + 1, (int) start + 2), events.getList("events.position"));
        given().auth().oauth2(serviceToken()).get("/internal/events").then().body("events[0].position", equalTo(1));
    }
}
