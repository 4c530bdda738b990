package app.faraday.assistant;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.hibernate.reactive.mutiny.Mutiny;

import app.faraday.assistant.config.UserFeedConfig;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.events.FeedConsumer;
import app.faraday.kit.events.FeedEvent;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Follows user-service's deletion feed: when a user is erased, the record of their uses goes too.
 * The cursor lives in this schema and moves in the same transaction as the delete.
 */
@ApplicationScoped
public class UserErasureFeed {

    static final String FEED = "user-service";
    static final String USER_DELETED = "user.deleted";

    private final UserFeedConfig config;
    private final Transactions tx;
    private FeedConsumer consumer;

    public UserErasureFeed(UserFeedConfig config, Transactions tx) {
        this.config = config;
        this.tx = tx;
    }

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        if (!config.enabled()) {
            return;
        }
        if (config.clientSecret().isEmpty()) {
            Log.warn("faraday.feeds.users.client-secret is not set: erased users' usage rows are not deleted");
            return;
        }
        consumer = new FeedConsumer(new FeedConsumer.Settings(FEED, config.url(), config.url(), config.clientId(),
                config.clientSecret().get(), "assistant", config.pollInterval(), Duration.ofMinutes(1), 100),
                this::apply, tx);
        consumer.start(vertx);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (consumer != null) {
            consumer.stop();
        }
    }

    /** Idempotent: deleting what is already gone deletes nothing. */
    Uni<Void> apply(FeedEvent event, Mutiny.Session session) {
        if (!USER_DELETED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        return session.createNativeQuery("delete from assistant.assistant_usage where user_id = cast(?1 as uuid)")
                .setParameter(1, event.payload().path("userId").asText())
                .executeUpdate()
                .invoke(count -> Log.debugf("user %s erased: %d usage row(s) deleted", event.subject(), count))
                .replaceWithVoid();
    }
}
