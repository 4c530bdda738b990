package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/** Every way a token can be wrong gets a 401 problem; a right token with the wrong role a 403. */
@QuarkusTest
class TokenSecurityTest {

    private static Accounts.Account teacher;

    @BeforeEach
    void account() {
        if (teacher == null) {
            teacher = Accounts.teacher("tokens");
        }
    }

    @Test
    void aValidTokenIsAccepted() {
        given().auth().oauth2(teacher.token()).get("/api/v1/users/me").then().statusCode(200);
    }

    @Test
    void noToken() {
        assertUnauthorized(null);
    }

    @Test
    void garbage() {
        assertUnauthorized("not-a-jwt");
    }

    @Test
    void expiredBeyondTheClockSkew() {
        Instant past = Instant.now().minusSeconds(3600);
        assertUnauthorized(TestTokens.sign(TestTokens.claims(teacher.id(), "teacher")
                .issuedAt(past).expiresAt(past.plusSeconds(600))));
    }

    @Test
    void expiredWithinTheTenSecondSkewIsStillAccepted() {
        Instant now = Instant.now();
        String token = TestTokens.sign(TestTokens.claims(teacher.id(), "teacher")
                .issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(3)));
        given().auth().oauth2(token).get("/api/v1/users/me").then().statusCode(200);
    }

    @Test
    void expiredJustBeyondTheSkewIsRefused() {
        Instant now = Instant.now();
        assertUnauthorized(TestTokens.sign(TestTokens.claims(teacher.id(), "teacher")
                .issuedAt(now.minusSeconds(630)).expiresAt(now.minusSeconds(30))));
    }

    @Test
    void forgedWithAnotherKey() {
        assertUnauthorized(TestTokens.forged(teacher.id(), "teacher"));
    }

    @Test
    void algNone() {
        assertUnauthorized(TestTokens.unsigned(teacher.id(), "teacher"));
    }

    @Test
    void hs256KeyedWithThePublicKey() {
        assertUnauthorized(TestTokens.hs256WithPublicKey(teacher.id(), "teacher"));
    }

    @Test
    void rs384IsNotTheAlgorithmWePinned() {
        assertUnauthorized(TestTokens.claims(teacher.id(), "teacher").jws().algorithm(SignatureAlgorithm.RS384)
                .keyId(TestTokens.KEY_ID).sign(TestTokens.signingKey()));
    }

    @Test
    void wrongIssuer() {
        assertUnauthorized(TestTokens.sign(TestTokens.claims(teacher.id(), "teacher").issuer("https://evil.example")));
    }

    @Test
    void wrongAudience() {
        assertUnauthorized(TestTokens.sign(TestTokens.claims(teacher.id(), "teacher").audience("another-api")));
    }

    @Test
    void tamperedPayload() {
        String token = teacher.token();
        String[] parts = token.split("\\.");
        String otherPayload = TestTokens.token(UUID.randomUUID(), "admin").split("\\.")[1];
        assertUnauthorized(parts[0] + "." + otherPayload + "." + parts[2]);
    }

    @Test
    void aServiceTokenCannotCallUserEndpoints() {
        given().auth().oauth2(TestTokens.token(UUID.randomUUID(), "service")).get("/api/v1/users/me")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void aTeacherCannotCallAdminEndpoints() {
        given().auth().oauth2(teacher.token()).get("/api/v1/users/audit-chain")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aSubjectThatOnlyLooksLikeAUuidActsForNoUser() throws Exception {
        // UUID.fromString reads "a-b-c-d-e" as 0000000a-000b-000c-000d-00000000000e: such a client id
        // must not pass for that user.
        UUID lookalike = UUID.fromString("a-b-c-d-e");
        try (java.sql.Connection c = app.faraday.kit.testing.TestDatabase.get().connectAsAdmin()) {
            app.faraday.kit.testing.Sql.update(c, "insert into users.users (id, email, password_hash, name)"
                    + " values (?, ?, ?, 'Look Alike')"
                    + " on conflict do nothing", lookalike, Accounts.email("lookalike"),
                    "$2a$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234");
        }
        String token = TestTokens.sign(Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).subject("a-b-c-d-e")
                .groups(java.util.Set.of("teacher")).claim("jti", UUID.randomUUID().toString())
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600)));
        // Not a user: nobody's profile (it used to answer the look-alike's with 200).
        given().auth().oauth2(token).get("/api/v1/users/me").then().statusCode(404)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Look Alike")));
    }

    @Test
    void aTokenForAUserThatDoesNotExistFindsNothing() {
        given().auth().oauth2(TestTokens.token(UUID.randomUUID(), "teacher")).get("/api/v1/users/me")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static void assertUnauthorized(String token) {
        var request = given();
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        request.get("/api/v1/users/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .header("X-Request-Id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()))
                .body("status", equalTo(401));
    }
}
