package app.faraday.content;

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
 * Applies the cascade rules of other services' deletions to lessons: a deleted user's lessons go
 * (their history with them); a deleted assistant profile leaves lessons in place without the
 * reference. Each feed's cursor lives in this schema and moves in the same transaction as the change,
 * so a restart neither loses nor repeats work, and a repeat would be harmless anyway. Each feed is
 * taken only for the events it publishes.
 */
public final class DeletionFeeds {

    static final String USER_DELETED = "user.deleted";
    static final String PROFILE_DELETED = "assistant.profile.deleted";

    private DeletionFeeds() {
    }

    /** user-service's feed: an erased user's lessons are deleted. */
    @ApplicationScoped
    public static class Users implements FeedSubscription {

        @Override
        public String feed() {
            return "user-service";
        }

        @Override
        public Map<String, FeedConsumer.Handler> handlers() {
            return Map.of(USER_DELETED, Users::userDeleted);
        }

        /**
         * Idempotent: a repeated event finds nothing left to delete. The user's key goes too, and with it
         * everything of theirs the audit trail sealed under it.
         */
        static Uni<Void> userDeleted(FeedEvent event, Mutiny.Session session) {
            String user = event.payload().path("userId").asText();
            return session.createNativeQuery("delete from content.lessons where user_id = cast(?1 as uuid)")
                    .setParameter(1, user)
                    .executeUpdate()
                    .invoke(n -> Log.infof("user %s erased: %d lesson(s) deleted", event.subject(), n))
                    .chain(() -> session.createNativeQuery("select content.subject_key_forget(cast(?1 as uuid))",
                            Boolean.class).setParameter(1, user).getSingleResult())
                    .replaceWithVoid();
        }
    }

    /** assistant-service's feed: a deleted profile is cleared from the lessons that named it. */
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
            return Map.of(PROFILE_DELETED, (event, session) -> {
                check.forget(event.payload().path("profileId").asInt());
                return profileDeleted(event, session);
            });
        }

        /** Idempotent: a repeated event finds nothing left to clear. */
        static Uni<Void> profileDeleted(FeedEvent event, Mutiny.Session session) {
            return session.createNativeQuery(
                    "update content.lessons set assistant_profile_id = null where assistant_profile_id = ?1")
                    .setParameter(1, event.payload().path("profileId").asInt())
                    .executeUpdate()
                    .invoke(n -> Log.infof("assistant profile %s deleted: cleared from %d lesson(s)",
                            event.subject(), n))
                    .replaceWithVoid();
        }
    }
}
