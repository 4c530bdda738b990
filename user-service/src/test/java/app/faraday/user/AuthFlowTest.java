package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.faraday.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class AuthFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void registerAnswersTheUserWithoutItsHashAndWithDefaultPreferences() {
        String email = Accounts.email("register");
        String id = given().contentType("application/json")
                .body(Map.of("email", email, "password", Accounts.PASSWORD, "name", "Rita Register",
                        "school", "Lincoln Elementary", "subjects", List.of("Physical Education", "Physical Education"),
                        "gradeLevels", List.of("3", "K", "3")))
                .post("/api/v1/auth/register")
                .then().statusCode(201)
                .header("Location", startsWith("/api/v1/users/"))
                .body("email", equalTo(email))
                .body("roles", equalTo(List.of("teacher")))
                .body("active", equalTo(true))
                .body("subjects", equalTo(List.of("Physical Education")))
                .body("gradeLevels", equalTo(List.of("K", "3")))
                .body("createdAt", notNullValue())
                .body("$", not(hasKey("passwordHash")))
                .body("$", not(hasKey("password")))
                .extract().path("id");
        given().auth().oauth2(TestTokens.token(java.util.UUID.fromString(id), "teacher"))
                .get("/api/v1/users/me/preferences")
                .then().statusCode(200).body("theme", equalTo("system")).body("timezone", equalTo("UTC"));
    }

    @Test
    void duplicateEmailInAnyCaseIsAConflict() {
        Accounts.Account account = Accounts.teacher("dup");
        given().contentType("application/json")
                .body(Map.of("email", account.email().toUpperCase(), "password", Accounts.PASSWORD,
                        "name", "Someone Else"))
                .post("/api/v1/auth/register")
                .then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409)).body("detail", containsString("already exists"))
                .body("requestId", not(emptyOrNullString()));
    }

    @Test
    void loginIssuesAnRs256TokenWithTheRequiredClaims() throws Exception {
        Accounts.Account account = Accounts.teacher("login");
        String token = given().contentType("application/json")
                .body(Map.of("email", account.email().toUpperCase(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login")
                .then().statusCode(200)
                .body("tokenType", equalTo("Bearer")).body("expiresIn", equalTo(600))
                .extract().path("accessToken");
        String[] parts = token.split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("RS256", header.path("alg").asText());
        assertEquals(TestTokens.KEY_ID, header.path("kid").asText());
        assertEquals(TestTokens.ISSUER, claims.path("iss").asText());
        assertEquals(TestTokens.AUDIENCE,
                claims.path("aud").isArray() ? claims.path("aud").get(0).asText() : claims.path("aud").asText());
        assertEquals(account.id().toString(), claims.path("sub").asText());
        assertEquals("teacher", claims.path("groups").get(0).asText());
        assertEquals(600, claims.path("exp").asLong() - claims.path("iat").asLong());
        assertTrue(claims.path("jti").asText().length() >= 32);

        var me = given().auth().oauth2(token).get("/api/v1/users/me")
                .then().statusCode(200).body("id", equalTo(account.id().toString()))
                .body("lastLoginAt", notNullValue()).extract().jsonPath();
        assertEquals(me.getString("createdAt"), me.getString("updatedAt"), "signing in is not a change of the record");
    }

    @Test
    void wrongPasswordAndUnknownEmailAnswerTheSame() {
        Accounts.Account account = Accounts.teacher("wrongpw");
        Response wrong = given().contentType("application/json")
                .body(Map.of("email", account.email(), "password", "not the right password at all"))
                .post("/api/v1/auth/login");
        Response unknown = given().contentType("application/json")
                .body(Map.of("email", Accounts.email("nobody"), "password", "not the right password at all"))
                .post("/api/v1/auth/login");
        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertEquals("application/problem+json", wrong.contentType());
        assertEquals(withoutRequestIds(wrong), withoutRequestIds(unknown));
        assertEquals(wrong.header("WWW-Authenticate"), unknown.header("WWW-Authenticate"));
    }

    @Test
    void aPasswordLongerThanBcryptReadsNeverSignsIn() {
        Accounts.Account account = Accounts.teacher("longpw");
        String longer = Accounts.PASSWORD + "x".repeat(80);
        given().contentType("application/json").body(Map.of("email", account.email(), "password", longer))
                .post("/api/v1/auth/login").then().statusCode(401);
    }

    @Test
    void jwksPublishesTheVerificationKey() {
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].kid", equalTo(TestTokens.KEY_ID))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].n", not(emptyOrNullString()))
                .body("keys[0]", not(hasKey("d")));
    }

    private static String withoutRequestIds(Response response) {
        String body = new String(response.asByteArray(), StandardCharsets.UTF_8);
        return body.replaceAll("\"requestId\":\"[^\"]*\"", "");
    }
}
