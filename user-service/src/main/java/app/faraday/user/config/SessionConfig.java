package app.faraday.user.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** How long a sign-in session (a refresh-token family) lives. */
@ConfigMapping(prefix = "faraday.session")
public interface SessionConfig {

    /** A refresh token unused this long expires. */
    Duration idleTtl();

    /** No session outlives this, however often it is refreshed. */
    Duration absoluteTtl();
}
