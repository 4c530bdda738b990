package app.faraday.user.account;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.events.Outbox;
import app.faraday.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Erases an account in one transaction: the user row (preferences and refresh tokens go with it by
 * foreign key), their sign-in events, and a {@code user.deleted} event in the outbox, so the other
 * services delete what they hold about the user (lessons, memories) even if they are down now.
 */
@ApplicationScoped
public class UserErasure {

    public static final String USER_DELETED = "user.deleted";

    private final UserRepository users;
    private final Outbox outbox;
    private final Transactions tx;

    public UserErasure(UserRepository users, Outbox outbox, Transactions tx) {
        this.users = users;
        this.outbox = outbox;
        this.tx = tx;
    }

    public Uni<Void> erase(Caller caller, UUID userId) {
        return tx.run(caller, () -> users.delete("id", userId).chain(deleted -> {
            if (deleted == 0) {
                return Uni.createFrom().failure(ProblemException.notFound("no such user"));
            }
            return Panache.getSession()
                    .chain(session -> session.createNativeQuery("select users.erase_login_events(?1)", Integer.class)
                            .setParameter(1, userId).getSingleResult()
                            // What the audit trail holds of them was sealed under this key: shred it.
                            .chain(() -> session.createNativeQuery("select users.subject_key_forget(?1)",
                                    Boolean.class).setParameter(1, userId).getSingleResult()))
                    .chain(() -> outbox.publish(USER_DELETED, userId.toString(), Map.of("userId", userId.toString())));
        })).replaceWithVoid();
    }
}
