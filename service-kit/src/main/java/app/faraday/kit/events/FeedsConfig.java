package app.faraday.kit.events;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The feeds a service follows ({@link FeedSubscription}s) and the client credentials it reads them
 * with. Everything is optional, so a service that follows no feed needs none of it.
 */
@ConfigMapping(prefix = "faraday.feeds")
public interface FeedsConfig {

    @WithDefault("true")
    boolean enabled();

    /** This service's client id at user-service, which scopes its service token to the feeds it may read. */
    @WithName("client-id")
    Optional<String> clientId();

    /** Empty leaves the feeds unread, with a warning: the service cannot get a token without it. */
    @WithName("client-secret")
    Optional<String> clientSecret();

    /** user-service, which exchanges the client credentials for a service token. */
    @WithName("token-url")
    Optional<URI> tokenUrl();

    @WithName("poll-interval")
    @WithDefault("PT2S")
    Duration pollInterval();

    /** The longest wait between retries while a feed cannot be read or an event not applied. */
    @WithName("max-backoff")
    @WithDefault("PT1M")
    Duration maxBackoff();

    @WithName("batch-size")
    @WithDefault("100")
    int batchSize();

    /**
     * The publishing services by feed name ({@link FeedSubscription#feed()}), e.g. {@code sources.user-service.url}.
     */
    Map<String, Source> sources();

    interface Source {
        /** Where the publisher serves {@code /internal/events}. */
        URI url();
    }
}
