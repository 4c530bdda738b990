package app.faraday.user.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** How long what only serves for a while is kept (docs/security.md, "Retention"). */
@ConfigMapping(prefix = "faraday.retention")
public interface RetentionConfig {

    /** How often the purge runs (first run one interval after start). */
    Duration interval();

    /** Rows per statement, each batch a short transaction of its own. */
    @WithName("batch-size")
    @Min(1)
    @Max(10_000)
    int batchSize();

    /** Sign-in outcomes older than this go. */
    @WithName("login-events")
    Duration loginEvents();

    /** Refresh tokens of a session that ended (expired or revoked) this long ago go. */
    @WithName("refresh-tokens")
    Duration refreshTokens();

    /** Throttle counters without a failure for this long, and not locking anything, go. */
    @WithName("login-throttle")
    Duration loginThrottle();
}
