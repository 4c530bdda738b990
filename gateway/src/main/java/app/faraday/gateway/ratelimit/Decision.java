package app.faraday.gateway.ratelimit;

/**
 * One rate-limit decision, in the terms of the IETF RateLimit header fields.
 *
 * @param remaining    requests left now
 * @param resetSeconds seconds until the full quota is available again
 * @param retryAfter   when refused, seconds until the next request would be allowed
 */
public record Decision(boolean allowed, long remaining, long resetSeconds, long retryAfter) {

    /** From the limiter's microseconds, rounded up so a client that waits as told is never early. */
    static Decision of(boolean allowed, long remaining, long resetMicros, long retryAfterMicros) {
        return new Decision(allowed, Math.max(0, remaining), ceilSeconds(resetMicros),
                allowed ? 0 : Math.max(1, ceilSeconds(retryAfterMicros)));
    }

    private static long ceilSeconds(long micros) {
        return Math.max(0, (micros + 999_999) / 1_000_000);
    }
}
