package app.faraday.user.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;

/** Brute-force protection of sign-in and of re-checks of the current password (docs/security.md). */
@ConfigMapping(prefix = "faraday.login-throttle")
public interface ThrottleConfig {

    /** Failures per (email, client address), or per account for password re-checks, before the first lock. */
    @Min(1)
    int freeTries();

    /** The first lock; each further failure doubles it, up to {@link #maxLock()}. */
    Duration firstLock();

    Duration maxLock();

    /** A streak with no failure for this long starts over. */
    Duration resetAfter();

    /** Failures per email across all addresses within {@link #emailWindow()} before the email is locked. */
    @Min(1)
    int emailLimit();

    Duration emailWindow();

    /** Failures per client address across all emails within {@link #addressWindow()} before the address is locked. */
    @Min(1)
    int addressLimit();

    Duration addressWindow();

    /**
     * An address this account signed in from within this time is known: there only the (email,
     * address) back-off applies, not the email's or the address's ceiling.
     */
    Duration knownAddressFor();
}
