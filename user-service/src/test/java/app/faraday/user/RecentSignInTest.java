package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * What an access token alone must not do quickly or at all: guess the current password (throttled on
 * a counter of its own) and erase the account (needs a sign-in within 5 minutes, RFC 9470 step-up).
 */
@QuarkusTest
class RecentSignInTest {

    private static JsonPath login(String email) {
        return given().contentType("application/json").body(Map.of("email", email, "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().jsonPath();
    }

    private static long authTime(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonPath.from(payload).getLong("auth_time");
    }

    private static io.restassured.response.Response changePassword(String token, String current) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("currentPassword", current, "newPassword", "cedar falcon harbor meadow"))
                .put("/api/v1/users/me/password");
    }

    @Test
    void wrongCurrentPasswordsAreThrottledWithoutLockingTheOwnerOut() {
        Accounts.Account a = Accounts.teacher("recheck");
        for (int i = 0; i < 6; i++) {
            changePassword(a.token(), "a guess that is wrong " + i).then().statusCode(400)
                    .body("violations[0].field", org.hamcrest.Matchers.equalTo("currentPassword"));
        }
        changePassword(a.token(), Accounts.PASSWORD).then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("type", containsString("too-many-password-checks"));
        // Signing in has its own counters: the owner still gets in, and the password is unchanged.
        login(a.email());
    }

    @Test
    void aRightCurrentPasswordEndsTheStreak() {
        Accounts.Account a = Accounts.teacher("recheck-ok");
        for (int i = 0; i < 5; i++) {
            changePassword(a.token(), "a guess that is wrong " + i).then().statusCode(400);
        }
        changePassword(a.token(), Accounts.PASSWORD).then().statusCode(204);
        given().auth().oauth2(a.token()).contentType("application/json")
                .body(Map.of("currentPassword", "cedar falcon harbor meadow", "newPassword", Accounts.PASSWORD))
                .put("/api/v1/users/me/password").then().statusCode(204);
        for (int i = 0; i < 5; i++) {
            changePassword(a.token(), "another wrong guess " + i).then().statusCode(400);
        }
    }

    @Test
    void accessTokensCarryTheSignInTimeAcrossRefreshes() {
        Accounts.Account a = Accounts.teacher("auth-time");
        long before = Instant.now().getEpochSecond();
        JsonPath signedIn = login(a.email());
        long signIn = authTime(signedIn.getString("accessToken"));
        assertTrue(signIn >= before - 1 && signIn <= Instant.now().getEpochSecond() + 1,
                "auth_time is the sign-in: " + signIn);
        JsonPath refreshed = given().contentType("application/json")
                .body(Map.of("refreshToken", signedIn.getString("refreshToken")))
                .post("/api/v1/auth/refresh").then().statusCode(200).extract().jsonPath();
        assertEquals(signIn, authTime(refreshed.getString("accessToken")));
    }

    @Test
    void erasureNeedsASignInWithinFiveMinutes() throws Exception {
        Accounts.Account a = Accounts.teacher("step-up");
        long elevenMinutesAgo = Instant.now().minusSeconds(660).getEpochSecond();
        String stale = TestTokens.sign(TestTokens.claims(a.id(), "teacher").claim("auth_time", elevenMinutesAgo));
        String unknown = TestTokens.sign(TestTokens.claims(a.id(), "teacher").remove("auth_time"));
        for (String token : new String[] { stale, unknown }) {
            var answer = given().auth().oauth2(token).delete("/api/v1/users/me").then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("type", containsString("insufficient-user-authentication"))
                    .extract();
            String challenge = answer.header("WWW-Authenticate");
            assertNotNull(challenge);
            assertTrue(challenge.startsWith("Bearer "), challenge);
            assertTrue(challenge.contains("error=\"insufficient_user_authentication\""), challenge);
            assertTrue(challenge.contains("max_age=300"), challenge);
        }
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            assertEquals(1, Sql.count(c, "select count(*) from users.users where id = ?", a.id()));
        }
        given().auth().oauth2(login(a.email()).getString("accessToken")).delete("/api/v1/users/me").then()
                .statusCode(204);
    }
}
