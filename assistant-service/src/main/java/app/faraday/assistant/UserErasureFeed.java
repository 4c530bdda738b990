package app.faraday.assistant;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import app.faraday.kit.events.FeedConsumer;
import app.faraday.kit.events.FeedEvent;
import app.faraday.kit.events.FeedSubscription;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Follows user-service's deletion feed: when a user is erased, the record of their uses goes too.
 * The cursor lives in this schema and moves in the same transaction as the delete.
 */
@ApplicationScoped
public class UserErasureFeed implements FeedSubscription {

    static final String USER_DELETED = "user.deleted";

    @Override
    public String feed() {
        return "user-service";
    }

    @Override
    public Map<String, FeedConsumer.Handler> handlers() {
        return Map.of(USER_DELETED, UserErasureFeed::userDeleted);
    }

    /** Idempotent: deleting what is already gone deletes nothing. The user's key (if any) is shredded too. */
    static Uni<Void> userDeleted(FeedEvent event, Mutiny.Session session) {
        String user = event.payload().path("userId").asText();
        return session.createNativeQuery("delete from assistant.assistant_usage where user_id = cast(?1 as uuid)")
                .setParameter(1, user)
                .executeUpdate()
                .invoke(count -> Log.debugf("user %s erased: %d usage row(s) deleted", event.subject(), count))
                .chain(() -> session.createNativeQuery("select assistant.subject_key_forget(cast(?1 as uuid))",
                        Boolean.class).setParameter(1, user).getSingleResult())
                .replaceWithVoid();
    }
}
