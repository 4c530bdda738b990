package app.faraday.user.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** Who may make an account, and what erasing one's own takes. */
public interface AccountsConfig {

    @ConfigMapping(prefix = "faraday.registration")
    interface Registration {

        /** Self-registration at /api/v1/auth/register; off, only administrators make accounts. */
        boolean enabled();
    }

    @ConfigMapping(prefix = "faraday.erasure")
    interface Erasure {

        /** DELETE /users/me needs a sign-in at most this old (the token's auth_time; RFC 9470 step-up). */
        @WithName("max-sign-in-age")
        Duration maxSignInAge();
    }
}
