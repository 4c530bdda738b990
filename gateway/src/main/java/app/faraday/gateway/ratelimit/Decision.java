package app.faraday.gateway.ratelimit;

/**
 * One rate-limit decision, in the terms of the IETF RateLimit header fields.
 *
 * @param remaining    requests left now
 * @param resetSeconds seconds until the full quota is available again
 * @param retryAfter   when refused, seconds until the next request would be allowed
 */
public record Decision(boolean allowed, long remaining, long resetSeconds, long retryAfter) {

    /** From the limiter's milliseconds, rounded up so a client that waits as told is never early. */
    static Decision of(boolean allowed, long remaining, long resetMillis, long retryAfterMillis) {
        return new Decision(allowed, Math.max(0, remaining), ceilSeconds(resetMillis),
                allowed ? 0 : Math.max(1, ceilSeconds(retryAfterMillis)));
    }

    private static long ceilSeconds(long millis) {
        return Math.max(0, (millis + 999) / 1000);
    }
}
