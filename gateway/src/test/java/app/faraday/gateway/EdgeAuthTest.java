package app.faraday.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The gateway answers 401 itself for every kind of bad token on a protected path; nothing reaches the service. */
@QuarkusTest
class EdgeAuthTest {

    private static ValidatableResponse call(String token) {
        return (token == null ? given() : given().auth().oauth2(token)).get("/api/v1/lessons").then();
    }

    private static void refused(String token) {
        call(token).statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer")).body("status", equalTo(401));
    }

    @Test
    void aValidTokenPasses() {
        call(TestTokens.token(UUID.randomUUID(), "teacher")).statusCode(200).body("path", equalTo("/api/v1/lessons"));
    }

    @Test
    void missingMalformedAndForgedTokensAreRefused() {
        UUID someone = UUID.randomUUID();
        refused(null);
        refused("not-a-jwt");
        refused(TestTokens.forged(someone, "teacher"));
        refused(TestTokens.unsigned(someone, "admin"));
        refused(TestTokens.hs256WithPublicKey(someone, "admin"));
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/lessons").then().statusCode(401);
    }

    @Test
    void expiredWrongAudienceWrongIssuerAndOverlongTokensAreRefused() {
        UUID someone = UUID.randomUUID();
        Instant now = Instant.now();
        refused(TestTokens.sign(TestTokens.claims(someone, "teacher").issuedAt(now.minusSeconds(1200))
                .expiresAt(now.minusSeconds(600))));
        refused(TestTokens.sign(TestTokens.claims(someone, "teacher").audience("someone-else")));
        refused(TestTokens.sign(TestTokens.claims(someone, "teacher").issuer("https://evil.example")));
        refused(TestTokens.sign(TestTokens.claims(someone, "teacher").expiresAt(now.plusSeconds(86_400))));
    }

    @Test
    void publicPathsPassEvenWithABadTokenAndTheServiceDecides() {
        given().auth().oauth2("garbage").contentType("application/json").body("{}").post("/api/v1/auth/refresh")
                .then().statusCode(200).body("headers.authorization", equalTo("Bearer garbage"));
        given().auth().oauth2("garbage").post("/api/v1/auth/logout").then().statusCode(401);
    }
}
