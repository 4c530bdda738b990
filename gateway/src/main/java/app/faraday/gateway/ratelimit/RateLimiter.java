package app.faraday.gateway.ratelimit;

import java.time.Duration;
import java.time.Instant;

import io.smallrye.mutiny.Uni;

/**
 * GCRA (the generic cell rate algorithm): {@code quota} requests per {@code window}, as a burst or
 * spread out. Each key holds one timestamp (the theoretical arrival time), so the state is tiny and
 * the in-process and Redis backends compute exactly the same answers.
 */
public interface RateLimiter {

    Uni<Decision> acquire(String key, int quota, Duration window);

    /** The unit both backends count in. */
    static long micros(Duration window) {
        return window.toNanos() / 1000;
    }

    /** Wall-clock microseconds: the in-process backend's clock (Redis's own for the Redis backend). */
    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
