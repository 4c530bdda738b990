package app.faraday.gateway.ratelimit;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/**
 * GCRA (the generic cell rate algorithm): {@code quota} requests per {@code window}, as a burst or
 * spread out. Each key holds one timestamp (the theoretical arrival time), so the state is tiny and
 * the in-process and Redis backends compute exactly the same answers.
 */
public interface RateLimiter {

    Uni<Decision> acquire(String key, int quota, Duration window);
}
