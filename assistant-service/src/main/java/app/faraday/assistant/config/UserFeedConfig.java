package app.faraday.assistant.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** user-service's deletion feed, and this service's client credentials for reading it. */
@ConfigMapping(prefix = "faraday.feeds.users")
public interface UserFeedConfig {

    boolean enabled();

    /** user-service: serves the feed and issues the service token. */
    URI url();

    @WithName("client-id")
    String clientId();

    /** Empty disables the consumer with a warning: it cannot sign in without it. */
    @WithName("client-secret")
    Optional<String> clientSecret();

    @WithName("poll-interval")
    Duration pollInterval();
}
