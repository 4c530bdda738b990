package app.faraday.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Redis unreachable: sign-in paths fail closed (503), everything else fails open. */
@QuarkusTest
@TestProfile(RedisDownTest.NoRedis.class)
class RedisDownTest {

    public static class NoRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("faraday.gateway.rate-limit.backend", "redis",
                    "quarkus.redis.hosts", "redis://127.0.0.1:" + RedisForTests.freePort(),
                    "quarkus.redis.timeout", "PT1S");
        }
    }

    @Test
    void authPathsAreRefusedAndOthersPass() {
        given().contentType("application/json").body("{}").post("/api/v1/auth/login").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", equalTo("5"))
                .time(lessThan(5L), TimeUnit.SECONDS);
        given().auth().oauth2(TestTokens.token(UUID.randomUUID(), "teacher")).get("/api/v1/lessons")
                .then().statusCode(200).time(lessThan(5L), TimeUnit.SECONDS);
    }
}
