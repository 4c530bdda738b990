package app.faraday.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.faraday.gateway.ratelimit.Decision;
import app.faraday.gateway.ratelimit.RedisRateLimiter;
import app.faraday.kit.testing.TestTokens;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The Redis backend against a real Redis: one limit shared by every gateway replica. */
@QuarkusTest
@TestProfile(RedisRateLimitTest.RedisBackend.class)
class RedisRateLimitTest {

    public static class RedisBackend implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = RedisForTests.url();
            return Map.of("faraday.gateway.rate-limit.backend", "redis",
                    "faraday.gateway.rate-limit.redis-key-prefix", "faraday-test-" + UUID.randomUUID() + ":",
                    "quarkus.redis.hosts", url,
                    // A second, separate client: what another gateway replica would hold.
                    "quarkus.redis.replica.hosts", url);
        }
    }

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    @RedisClientName("replica")
    ReactiveRedisDataSource replica;

    @Test
    void tworeplicasDrawFromOneQuota() {
        String prefix = "faraday-test-" + UUID.randomUUID() + ":";
        RedisRateLimiter first = new RedisRateLimiter(redis, prefix);
        RedisRateLimiter second = new RedisRateLimiter(replica, prefix);
        int allowed = 0;
        for (int i = 0; i < 30; i++) {
            Decision d = (i % 2 == 0 ? first : second)
                    .acquire("shared", 10, Duration.ofSeconds(60)).await().indefinitely();
            if (d.allowed()) {
                allowed++;
                assertEquals(10 - allowed, d.remaining());
            } else {
                assertEquals(0, d.remaining());
            }
        }
        assertEquals(10, allowed);
        assertEquals(true, first.acquire("another-key", 10, Duration.ofSeconds(60)).await().indefinitely().allowed());
    }

    @Test
    void aQuotaAboveOneAMillisecondCountsInMicroseconds() {
        RedisRateLimiter limiter = new RedisRateLimiter(redis, "faraday-test-" + UUID.randomUUID() + ":");
        for (int i = 0; i < 50; i++) {
            // 100,000 a minute: 600 µs apart. Counting in milliseconds made it 60,000 (remaining 59,999).
            Decision d = limiter.acquire("fast", 100_000, Duration.ofMinutes(1)).await().indefinitely();
            assertEquals(true, d.allowed());
            assertEquals(true, d.remaining() >= 100_000 - 50 && d.remaining() < 100_000, d.toString());
        }
    }

    @Test
    void theGatewayLimitsThroughRedis() {
        String token = TestTokens.token(UUID.randomUUID(), "teacher");
        for (int i = 0; i < 20; i++) {
            given().auth().oauth2(token).get("/api/v1/lessons").then().statusCode(200);
        }
        given().auth().oauth2(token).get("/api/v1/lessons").then().statusCode(429)
                .header("RateLimit", org.hamcrest.Matchers.startsWith("\"default\";r=0;"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }
}
