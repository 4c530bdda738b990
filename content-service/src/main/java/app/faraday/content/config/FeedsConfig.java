package app.faraday.content.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** The deletion feeds content-service follows, and its client credentials for reading them. */
@ConfigMapping(prefix = "faraday.feeds")
public interface FeedsConfig {

    boolean enabled();

    /** Serves user.deleted and issues the service token. */
    @WithName("user-service-url")
    URI userServiceUrl();

    /** Serves assistant.profile.deleted. */
    @WithName("assistant-service-url")
    URI assistantServiceUrl();

    @WithName("client-id")
    String clientId();

    /** Empty disables the consumers with a warning: they cannot sign in without it. */
    @WithName("client-secret")
    Optional<String> clientSecret();

    @WithName("poll-interval")
    Duration pollInterval();
}
