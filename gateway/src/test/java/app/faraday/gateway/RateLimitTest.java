package app.faraday.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The in-process limiter (the default backend): test quotas are 20/min per caller, 5/min on auth
 * paths and 3/hour for registration. Its own application instance (a fresh limiter),
 * behind a trusted proxy on loopback, so each
 * test can speak for a client address of its own through X-Forwarded-For.
 */
@QuarkusTest
@TestProfile(RateLimitTest.BehindAProxy.class)
class RateLimitTest {

    public static class BehindAProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.trusted-proxies", "127.0.0.1/32",
                    "faraday.gateway.policies.auth.quota", "5",
                    "faraday.gateway.policies.register.quota", "3");
        }
    }

    private static Response call(String token) {
        return given().auth().oauth2(token).get("/api/v1/lessons");
    }

    @Test
    void theQuotaCountsDownAndThenRefusesWithRetryAfter() {
        String token = TestTokens.token(UUID.randomUUID(), "teacher");
        for (int i = 0; i < 20; i++) {
            Response r = call(token);
            assertEquals(200, r.statusCode());
            assertEquals("\"default\";q=20;w=60", r.header("RateLimit-Policy"));
            String remaining = r.header("RateLimit").replaceAll(".*;r=(\\d+);t=(\\d+)", "$1");
            assertEquals(19 - i, Integer.parseInt(remaining), r.header("RateLimit"));
        }
        Response refused = call(token);
        assertEquals(429, refused.statusCode());
        assertEquals("application/problem+json", refused.contentType());
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "one request's worth of 60 s / 20: " + retryAfter);
        assertTrue(refused.header("RateLimit").startsWith("\"default\";r=0;"), refused.header("RateLimit"));
        refused.then().body("detail", containsString("20 requests per 60 s"));
    }

    @Test
    void eachCallerHasTheirOwnQuota() {
        String first = TestTokens.token(UUID.randomUUID(), "teacher");
        for (int i = 0; i < 20; i++) {
            call(first);
        }
        assertEquals(429, call(first).statusCode());
        Response other = call(TestTokens.token(UUID.randomUUID(), "teacher"));
        assertEquals(200, other.statusCode());
        assertEquals("\"default\";r=19;t=3", other.header("RateLimit"));
    }

    @Test
    void anonymousSignInsAreLimitedPerAddressByTheStricterPolicy() {
        // The auth policy (5/min) keyed by the client address, as the trusted proxy in front reports it.
        for (int i = 4; i >= 0; i--) {
            given().header("X-Forwarded-For", "203.0.113.7").contentType("application/json").body("{}")
                    .post("/api/v1/auth/login").then().statusCode(200)
                    .header("RateLimit-Policy", "\"auth\";q=5;w=60")
                    .header("RateLimit", org.hamcrest.Matchers.startsWith("\"auth\";r=" + i + ";"));
        }
        given().header("X-Forwarded-For", "203.0.113.7").contentType("application/json").body("{}")
                .post("/api/v1/auth/login").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        // Another address has its own quota.
        given().header("X-Forwarded-For", "203.0.113.8").contentType("application/json").body("{}")
                .post("/api/v1/auth/login").then().statusCode(200)
                .header("RateLimit", org.hamcrest.Matchers.startsWith("\"auth\";r=4;"));
    }

    @Test
    void aTokenNeverOpensAFreshSignInQuota() {
        for (int i = 0; i < 5; i++) {
            given().header("X-Forwarded-For", "203.0.113.9").contentType("application/json").body("{}")
                    .post("/api/v1/auth/refresh").then().statusCode(200);
        }
        // Each free account's valid token used to bring 20 more attempts a minute from the same address.
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(TestTokens.token(UUID.randomUUID(), "teacher"))
                    .header("X-Forwarded-For", "203.0.113.9")
                    .contentType("application/json").body("{}").post("/api/v1/auth/login").then().statusCode(429)
                    .header("RateLimit", org.hamcrest.Matchers.startsWith("\"auth\";r=0;"));
            given().auth().oauth2(TestTokens.token(UUID.randomUUID(), "teacher"))
                    .header("X-Forwarded-For", "203.0.113.9")
                    .contentType("application/json").body("{}").post("/api/v1/auth/logout").then().statusCode(429);
        }
    }

    @Test
    void registrationHasAnHourlyQuotaOfItsOwn() {
        for (int i = 2; i >= 0; i--) {
            given().header("X-Forwarded-For", "203.0.113.10").contentType("application/json").body("{}")
                    .post("/api/v1/auth/register").then().statusCode(200)
                    .header("RateLimit-Policy", "\"register\";q=3;w=3600")
                    .header("RateLimit", org.hamcrest.Matchers.startsWith("\"register\";r=" + i + ";"));
        }
        given().header("X-Forwarded-For", "203.0.113.10").contentType("application/json").body("{}")
                .post("/api/v1/auth/register").then().statusCode(429).contentType("application/problem+json");
        // Signing in from that address is counted separately.
        given().header("X-Forwarded-For", "203.0.113.10").contentType("application/json").body("{}")
                .post("/api/v1/auth/login").then().statusCode(200)
                .header("RateLimit", org.hamcrest.Matchers.startsWith("\"auth\";r=4;"));
    }
}
