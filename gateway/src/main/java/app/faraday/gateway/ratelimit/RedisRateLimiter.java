package app.faraday.gateway.ratelimit;

import java.time.Duration;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * GCRA in Redis, one atomic script per request, so every gateway replica draws from the same quota.
 * The script reads Redis's own clock, so replicas whose clocks disagree still agree on the limit; it counts
 * in microseconds, written with %.0f because Lua's default number format keeps only 14 digits.
 */
public class RedisRateLimiter implements RateLimiter {

    static final String SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local tat = tonumber(redis.call('GET', KEYS[1]) or now)
            if tat < now then tat = now end
            local nxt = tat + interval
            local allow_at = nxt - window
            if allow_at > now then
              return {0, 0, tat - now, allow_at - now}
            end
            redis.call('SET', KEYS[1], string.format('%.0f', nxt), 'PX', math.ceil(window / 1000))
            return {1, math.floor((window - (nxt - now)) / interval), nxt - now, 0}
            """;

    /** A Redis that stays silent counts as unreachable: the request must not wait for it. */
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final ReactiveRedisDataSource redis;
    private final String prefix;

    public RedisRateLimiter(ReactiveRedisDataSource redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public Uni<Decision> acquire(String key, int quota, Duration window) {
        long windowMicros = RateLimiter.micros(window);
        long interval = Math.max(1, windowMicros / quota);
        return redis.execute("EVAL", SCRIPT, "1", prefix + key, Long.toString(interval), Long.toString(windowMicros))
                .ifNoItem().after(TIMEOUT).fail()
                .map(RedisRateLimiter::decision);
    }

    private static Decision decision(Response r) {
        return Decision.of(r.get(0).toLong() == 1, r.get(1).toLong(), r.get(2).toLong(), r.get(3).toLong());
    }
}
