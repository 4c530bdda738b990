package app.faraday.content;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.hibernate.reactive.mutiny.Mutiny;

import app.faraday.content.config.FeedsConfig;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.events.FeedConsumer;
import app.faraday.kit.events.FeedEvent;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Applies the cascade rules of other services' deletions to lessons: a deleted user's lessons go
 * (their history with them); a deleted assistant profile leaves lessons in place without the
 * reference. Each feed's cursor lives in this schema and moves in the same transaction as the change,
 * so a restart neither loses nor repeats work, and a repeat would be harmless anyway.
 */
@ApplicationScoped
public class DeletionFeeds {

    static final String USER_DELETED = "user.deleted";
    static final String PROFILE_DELETED = "assistant.profile.deleted";

    private final FeedsConfig config;
    private final Transactions tx;
    private final List<FeedConsumer> consumers = new ArrayList<>();

    public DeletionFeeds(FeedsConfig config, Transactions tx) {
        this.config = config;
        this.tx = tx;
    }

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        if (!config.enabled()) {
            return;
        }
        if (config.clientSecret().isEmpty()) {
            Log.warn("faraday.feeds.client-secret is not set: deleted users' lessons and deleted profiles' references stay");
            return;
        }
        consumers.add(consumer("user-service", config.userServiceUrl()));
        consumers.add(consumer("assistant-service", config.assistantServiceUrl()));
        consumers.forEach(c -> c.start(vertx));
    }

    void onStop(@Observes ShutdownEvent event) {
        consumers.forEach(FeedConsumer::stop);
    }

    private FeedConsumer consumer(String feed, URI base) {
        return new FeedConsumer(new FeedConsumer.Settings(feed, base, config.userServiceUrl(), config.clientId(),
                config.clientSecret().get(), "content", config.pollInterval(), Duration.ofMinutes(1), 100), this::apply, tx);
    }

    /** Idempotent: a repeated event finds nothing left to delete or clear. */
    Uni<Void> apply(FeedEvent event, Mutiny.Session session) {
        return switch (event.type()) {
            case USER_DELETED -> session.createNativeQuery("delete from content.lessons where user_id = cast(?1 as uuid)")
                    .setParameter(1, event.payload().path("userId").asText())
                    .executeUpdate()
                    .invoke(n -> Log.infof("user %s erased: %d lesson(s) deleted", event.subject(), n))
                    .replaceWithVoid();
            case PROFILE_DELETED -> session.createNativeQuery(
                    "update content.lessons set assistant_profile_id = null where assistant_profile_id = ?1")
                    .setParameter(1, event.payload().path("profileId").asInt())
                    .executeUpdate()
                    .invoke(n -> Log.infof("assistant profile %s deleted: cleared from %d lesson(s)", event.subject(), n))
                    .replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }
}
