package app.faraday.user.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;

/** Brute-force protection of sign-in. */
@ConfigMapping(prefix = "faraday.login-throttle")
public interface ThrottleConfig {

    /** Failures per (email, client IP) before the first lock. */
    @Min(1)
    int freeTries();

    /** The first lock; each further failure doubles it, up to {@link #maxLock()}. */
    Duration firstLock();

    Duration maxLock();

    /** A (email, IP) streak with no failure for this long starts over. */
    Duration resetAfter();

    /** Failures per email across all IPs within {@link #emailWindow()} before the email is locked. */
    @Min(1)
    int emailLimit();

    Duration emailWindow();
}
