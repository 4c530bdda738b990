package app.faraday.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The in-process GCRA on a clock the test moves, including quotas above one a millisecond. */
class LocalRateLimiterTest {

    private final AtomicLong micros = new AtomicLong(1_764_633_600_000_000L);
    private final LocalRateLimiter limiter = new LocalRateLimiter(micros::get);

    private Decision acquire(int quota, Duration window) {
        return limiter.acquire("k", quota, window).await().indefinitely();
    }

    @Test
    void aQuotaAboveOneAMillisecondIsCountedExactly() {
        // 100,000 a second: more than the window has milliseconds, which the gateway refused to start with.
        for (int i = 1; i <= 100_000; i++) {
            Decision d = acquire(100_000, Duration.ofSeconds(1));
            assertTrue(d.allowed(), "request " + i);
            assertEquals(100_000 - i, d.remaining());
        }
        Decision refused = acquire(100_000, Duration.ofSeconds(1));
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfter());
        micros.addAndGet(30);
        assertTrue(acquire(100_000, Duration.ofSeconds(1)).allowed(), "10 µs per request: 3 more after 30 µs");
        assertTrue(acquire(100_000, Duration.ofSeconds(1)).allowed());
        assertTrue(acquire(100_000, Duration.ofSeconds(1)).allowed());
        assertFalse(acquire(100_000, Duration.ofSeconds(1)).allowed());
    }

    @Test
    void aSmallQuotaRefillsOneRequestPerIntervalAndSaysWhenToComeBack() {
        for (int i = 0; i < 5; i++) {
            assertTrue(acquire(5, Duration.ofMinutes(1)).allowed());
        }
        Decision refused = acquire(5, Duration.ofMinutes(1));
        assertFalse(refused.allowed());
        assertEquals(12, refused.retryAfter());
        assertEquals(60, refused.resetSeconds());
        micros.addAndGet(12_000_000);
        Decision again = acquire(5, Duration.ofMinutes(1));
        assertTrue(again.allowed());
        assertEquals(0, again.remaining());
    }
}
