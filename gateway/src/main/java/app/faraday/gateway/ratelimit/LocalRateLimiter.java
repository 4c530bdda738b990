package app.faraday.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.smallrye.mutiny.Uni;

/**
 * GCRA in this process: right for one gateway; replicas each count on their own. Counts in microseconds,
 * so a quota may be up to a million a second (a load test's "100,000 a minute" included).
 */
public class LocalRateLimiter implements RateLimiter {

    private final ConcurrentHashMap<String, Long> arrivals = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public LocalRateLimiter(LongSupplier microsClock) {
        this.clock = microsClock;
    }

    @Override
    public Uni<Decision> acquire(String key, int quota, Duration window) {
        long now = clock.getAsLong();
        long windowMicros = RateLimiter.micros(window);
        long interval = Math.max(1, windowMicros / quota);
        Decision[] decision = new Decision[1];
        arrivals.compute(key, (k, stored) -> {
            long tat = stored == null || stored < now ? now : stored;
            long next = tat + interval;
            long allowAt = next - windowMicros;
            if (allowAt > now) {
                decision[0] = Decision.of(false, 0, tat - now, allowAt - now);
                return stored;
            }
            decision[0] = Decision.of(true, (windowMicros - (next - now)) / interval, next - now, 0);
            return next;
        });
        return Uni.createFrom().item(decision[0]);
    }

    /** Forgets keys whose quota is full again, so idle callers cost no memory. */
    public void evictIdle() {
        long now = clock.getAsLong();
        arrivals.entrySet().removeIf(e -> e.getValue() <= now);
    }

    int size() {
        return arrivals.size();
    }
}
