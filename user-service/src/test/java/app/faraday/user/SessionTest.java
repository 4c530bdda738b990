package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Refresh-token sessions: rotation, reuse detection, expiry, logout, revocation on password change. */
@QuarkusTest
class SessionTest {

    @Inject
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static JsonPath login(String email, String password) {
        return given().contentType("application/json").body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().jsonPath();
    }

    private static io.restassured.response.Response refresh(String token) {
        return given().contentType("application/json").body(Map.of("refreshToken", token)).post("/api/v1/auth/refresh");
    }

    @Test
    void refreshRotatesAndASpentTokenRevokesTheWholeSession() {
        Accounts.Account a = Accounts.teacher("rotate");
        String first = login(a.email(), Accounts.PASSWORD).getString("refreshToken");
        JsonPath pair = refresh(first).then().statusCode(200)
                .body("refreshToken", matchesPattern("[A-Za-z0-9_-]{43}")).extract().jsonPath();
        String second = pair.getString("refreshToken");
        assertNotEquals(first, second);
        given().auth().oauth2(pair.getString("accessToken")).get("/api/v1/users/me").then().statusCode(200);

        refresh(first).then().statusCode(401).contentType("application/problem+json");
        refresh(second).then().statusCode(401);
    }

    @Test
    void concurrentUseOfOneTokenLetsExactlyOneThrough() {
        Accounts.Account a = Accounts.teacher("race");
        String token = login(a.email(), Accounts.PASSWORD).getString("refreshToken");
        List<CompletableFuture<Integer>> calls = List.of(
                CompletableFuture.supplyAsync(() -> refresh(token).statusCode()),
                CompletableFuture.supplyAsync(() -> refresh(token).statusCode()));
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).sorted().toList();
        assertEquals(List.of(200, 401), statuses);
    }

    @Test
    void logoutEndsTheSessionAndOnlyYourOwn() {
        Accounts.Account a = Accounts.teacher("logout-a");
        Accounts.Account b = Accounts.teacher("logout-b");
        JsonPath sessionA = login(a.email(), Accounts.PASSWORD);
        JsonPath sessionB = login(b.email(), Accounts.PASSWORD);
        given().auth().oauth2(sessionA.getString("accessToken")).contentType("application/json")
                .body(Map.of("refreshToken", sessionB.getString("refreshToken"))).post("/api/v1/auth/logout")
                .then().statusCode(204);
        given().auth().oauth2(sessionA.getString("accessToken")).contentType("application/json")
                .body(Map.of("refreshToken", sessionA.getString("refreshToken"))).post("/api/v1/auth/logout")
                .then().statusCode(204);
        refresh(sessionA.getString("refreshToken")).then().statusCode(401);
        refresh(sessionB.getString("refreshToken")).then().statusCode(200);
        given().contentType("application/json").body(Map.of("refreshToken", "x")).post("/api/v1/auth/logout")
                .then().statusCode(401);
    }

    @Test
    void anIdleSessionExpires() {
        Accounts.Account a = Accounts.teacher("idle");
        String kept = login(a.email(), Accounts.PASSWORD).getString("refreshToken");
        String left = login(a.email(), Accounts.PASSWORD).getString("refreshToken");
        clock.advance(Duration.ofDays(6));
        refresh(kept).then().statusCode(200);
        clock.advance(Duration.ofDays(2));
        refresh(left).then().statusCode(401);
    }

    @Test
    void noSessionOutlivesTheAbsoluteLimit() {
        Accounts.Account a = Accounts.teacher("absolute");
        String token = login(a.email(), Accounts.PASSWORD).getString("refreshToken");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofDays(6));
            token = refresh(token).then().statusCode(200).extract().path("refreshToken");
        }
        clock.advance(Duration.ofDays(6).plusHours(1));
        refresh(token).then().statusCode(401);
    }

    @Test
    void changingThePasswordRevokesEverySession() throws Exception {
        Accounts.Account a = Accounts.teacher("change");
        JsonPath one = login(a.email(), Accounts.PASSWORD);
        JsonPath two = login(a.email(), Accounts.PASSWORD);
        String access = one.getString("accessToken");
        given().auth().oauth2(access).contentType("application/json")
                .body(Map.of("currentPassword", "not my password at all", "newPassword", "cedar falcon harbor meadow"))
                .put("/api/v1/users/me/password").then().statusCode(400)
                .body("violations.field", hasItem("currentPassword"));
        refresh(two.getString("refreshToken")).then().statusCode(200);
        JsonPath three = login(a.email(), Accounts.PASSWORD);

        given().auth().oauth2(access).contentType("application/json")
                .body(Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "cedar falcon harbor meadow"))
                .put("/api/v1/users/me/password").then().statusCode(204);
        refresh(one.getString("refreshToken")).then().statusCode(401);
        refresh(three.getString("refreshToken")).then().statusCode(401);
        given().contentType("application/json").body(Map.of("email", a.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(401);
        login(a.email(), "cedar falcon harbor meadow");
    }

    @Test
    void theNewPasswordMeetsThePolicy() {
        Accounts.Account a = Accounts.teacher("weaknew");
        given().auth().oauth2(a.token()).contentType("application/json")
                .body(Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "passwordpassword"))
                .put("/api/v1/users/me/password").then().statusCode(400)
                .body("violations.field", hasItem("newPassword"));
        login(a.email(), Accounts.PASSWORD);
    }

    @Test
    void aDeactivatedUserCannotRefresh() throws Exception {
        Accounts.Account a = Accounts.teacher("inactive");
        String token = login(a.email(), Accounts.PASSWORD).getString("refreshToken");
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            c.setAutoCommit(false);
            Sql.context(c, null, "admin");
            Sql.update(c, "update users.users set active = false where id = ?", a.id());
            c.commit();
        }
        refresh(token).then().statusCode(401);
        given().contentType("application/json").body(Map.of("email", a.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(401);
    }

    @Test
    void onlyHashesOfRefreshTokensAreStoredOrAudited() throws Exception {
        Accounts.Account a = Accounts.teacher("hashes");
        String token = login(a.email(), Accounts.PASSWORD).getString("refreshToken");
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            assertEquals(1, Sql.count(c, "select count(*) from users.refresh_tokens"
                    + " where user_id = ? and token_hash = sha256(convert_to(?, 'UTF8'))",
                    a.id(), token));
            assertEquals(0, Sql.count(c, "select count(*) from users.audit_log"
                    + " where position(? in changes::text) > 0", token));
            assertEquals(List.of("\"[redacted]\""), Sql.strings(c, "select changes -> 'token_hash' from users.audit_log"
                    + " where table_name = 'refresh_tokens' and op = 'INSERT' and changes ->> 'user_id' = ?",
                    a.id().toString()));
        }
    }

    @Test
    void badRefreshInput() {
        given().contentType("application/json").body("{}").post("/api/v1/auth/refresh").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("refreshToken"));
        given().contentType("application/json").body(Map.of("refreshToken", "x".repeat(500)))
                .post("/api/v1/auth/refresh")
                .then().statusCode(400);
        refresh("not-a-token-we-issued").then().statusCode(401).body("status", equalTo(401));
    }

    @Test
    void badPasswordChangeAndLogoutInputChangesNothing() {
        Accounts.Account a = Accounts.teacher("bad-session-input");
        given().auth().oauth2(a.token()).contentType("application/json").body("{}")
                .put("/api/v1/users/me/password").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("currentPassword")).body("violations.field", hasItem("newPassword"));
        given().auth().oauth2(a.token()).contentType("application/json")
                .body("{\"currentPassword\": 1, \"newPassword\": true}")
                .put("/api/v1/users/me/password").then().statusCode(400);
        given().auth().oauth2(a.token()).contentType("application/json").body("{")
                .put("/api/v1/users/me/password").then().statusCode(400);
        given().auth().oauth2(a.token()).contentType("application/json").body("{}")
                .post("/api/v1/auth/logout").then().statusCode(400).body("violations.field", hasItem("refreshToken"));
        login(a.email(), Accounts.PASSWORD);
    }
}
