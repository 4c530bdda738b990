package app.faraday.user.config;

import java.util.OptionalInt;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;

/** The password policy; out-of-range values stop the service at start. */
@ConfigMapping(prefix = "faraday.password")
public interface PasswordConfig {

    /** Minimum length in characters; never under 12. */
    @Min(12)
    @Max(64)
    int minLength();

    /** bcrypt work factor. */
    @Min(10)
    @Max(16)
    int bcryptCost();

    /** Minimum zxcvbn score (0-4) a password must reach. */
    @Min(0)
    @Max(4)
    int minStrength();

    /** Threads that run bcrypt; by default half the cores (at least one), so reads keep the rest. */
    @Min(1)
    @Max(256)
    OptionalInt hashThreads();

    /**
     * Password checks and hashes that may wait for a thread; beyond that, 503 with Retry-After at once.
     * By default eight per thread: two to three seconds of waiting at bcrypt cost 12.
     */
    @Min(0)
    @Max(100000)
    OptionalInt hashQueue();
}
