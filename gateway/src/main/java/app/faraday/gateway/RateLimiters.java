package app.faraday.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import app.faraday.gateway.config.GatewayConfig;
import app.faraday.gateway.ratelimit.LocalRateLimiter;
import app.faraday.gateway.ratelimit.RateLimiter;
import app.faraday.gateway.ratelimit.RedisRateLimiter;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Vertx;

/** The rate limiter the configuration asks for: in this process, or shared through Redis. */
public class RateLimiters {

    @Produces
    @ApplicationScoped
    RateLimiter limiter(GatewayConfig config, Instance<ReactiveRedisDataSource> redis, Vertx vertx) {
        String backend = config.rateLimit().backend();
        if ("redis".equals(backend)) {
            Log.info("rate limits shared through Redis");
            return new RedisRateLimiter(redis.get(), config.rateLimit().redisKeyPrefix());
        }
        if (!"memory".equals(backend)) {
            throw new IllegalStateException("faraday.gateway.rate-limit.backend must be memory or redis, not "
                    + backend);
        }
        LocalRateLimiter local = new LocalRateLimiter(RateLimiter::nowMicros);
        vertx.setPeriodic(60_000, id -> local.evictIdle());
        return local;
    }
}
