package app.faraday.memory;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import app.faraday.assistant.client.AssistantProfileCheck;
import app.faraday.kit.events.FeedConsumer;
import app.faraday.kit.events.FeedEvent;
import app.faraday.kit.events.FeedSubscription;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The cascade rules of other services' deletions, applied to memories: an erased user's memories go with
 * their interactions, counters and data key; a deleted assistant profile's memories go. Each feed's cursor
 * moves in the same transaction as the change, so a restart neither loses nor repeats work, and a repeat
 * would find nothing left anyway.
 */
public final class DeletionFeeds {

    private DeletionFeeds() {
    }

    /** user-service's feed. */
    @ApplicationScoped
    public static class Users implements FeedSubscription {

        @Override
        public String feed() {
            return "user-service";
        }

        @Override
        public Map<String, FeedConsumer.Handler> handlers() {
            return Map.of("user.deleted", Users::userDeleted);
        }

        static Uni<Void> userDeleted(FeedEvent event, Mutiny.Session session) {
            return session.createNativeQuery("select memory.memory_forget_user(cast(?1 as uuid))", Integer.class)
                    .setParameter(1, event.payload().path("userId").asText())
                    .getSingleResult()
                    .invoke(n -> Log.infof("user %s erased: %d memories and their data key deleted",
                            event.subject(), n))
                    .replaceWithVoid();
        }
    }

    /** assistant-service's feed. */
    @ApplicationScoped
    public static class Profiles implements FeedSubscription {

        private final AssistantProfileCheck check;

        public Profiles(AssistantProfileCheck check) {
            this.check = check;
        }

        @Override
        public String feed() {
            return "assistant-service";
        }

        @Override
        public Map<String, FeedConsumer.Handler> handlers() {
            // Not named as active any more from here on, even within the check's cache lifetime.
            return Map.of("assistant.profile.deleted", (event, session) -> {
                check.forget(event.payload().path("profileId").asInt());
                return profileDeleted(event, session);
            });
        }

        static Uni<Void> profileDeleted(FeedEvent event, Mutiny.Session session) {
            return session.createNativeQuery("select memory.memory_forget_profile(?1)", Integer.class)
                    .setParameter(1, event.payload().path("profileId").asInt())
                    .getSingleResult()
                    .invoke(n -> Log.infof("assistant profile %s deleted: %d memories deleted", event.subject(), n))
                    .replaceWithVoid();
        }
    }
}
