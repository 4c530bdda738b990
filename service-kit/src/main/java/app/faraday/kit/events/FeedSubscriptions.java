package app.faraday.kit.events;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.faraday.kit.db.Transactions;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/** Starts a {@link FeedConsumer} for every {@link FeedSubscription} of the service, with one service token for all. */
@ApplicationScoped
public class FeedSubscriptions {

    private final Instance<FeedSubscription> subscriptions;
    private final FeedsConfig config;
    private final Transactions tx;
    private final String schema;
    private final List<FeedConsumer> consumers = new ArrayList<>();

    public FeedSubscriptions(Instance<FeedSubscription> subscriptions, FeedsConfig config, Transactions tx,
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.subscriptions = subscriptions;
        this.config = config;
        this.tx = tx;
        this.schema = schema;
    }

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        if (subscriptions.isUnsatisfied() || !config.enabled()) {
            return;
        }
        if (config.clientId().isEmpty() || config.clientSecret().isEmpty() || config.tokenUrl().isEmpty()) {
            Log.warnf("faraday.feeds.client-id, client-secret and token-url are needed to read the feeds %s;"
                    + " they stay unread",
                    subscriptions.stream().map(FeedSubscription::feed).toList());
            return;
        }
        FeedConsumer.TokenSource tokens = FeedConsumer.clientCredentials(config.tokenUrl().get(),
                config.clientId().get(),
                config.clientSecret().get());
        for (FeedSubscription subscription : subscriptions) {
            FeedsConfig.Source source = config.sources().get(subscription.feed());
            if (source == null) {
                throw new IllegalStateException("faraday.feeds.sources." + subscription.feed() + ".url is not set");
            }
            consumers.add(new FeedConsumer(settings(subscription.feed(), source.url()),
                    dispatcher(subscription), tx, tokens));
        }
        consumers.forEach(consumer -> consumer.start(vertx));
    }

    void onStop(@Observes ShutdownEvent event) {
        consumers.forEach(FeedConsumer::stop);
    }

    /** The settings of one feed's consumer, from {@code faraday.feeds}. */
    public FeedConsumer.Settings settings(String feed, URI source) {
        return new FeedConsumer.Settings(feed, source, schema, config.pollInterval(),
                config.maxBackoff(), config.batchSize());
    }

    /** The subscription's handlers behind one that takes only the event types the subscription names. */
    public static FeedConsumer.Handler dispatcher(FeedSubscription subscription) {
        Map<String, FeedConsumer.Handler> handlers = Map.copyOf(subscription.handlers());
        return (event, session) -> {
            FeedConsumer.Handler handler = handlers.get(event.type());
            if (handler == null) {
                Log.warnf("feed %s: event %s has type %s, which this service does not take from this feed; skipped",
                        subscription.feed(), event.eventId(), event.type());
                return Uni.createFrom().voidItem();
            }
            return handler.apply(event, session);
        };
    }
}
