package app.faraday.user;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import app.faraday.user.config.ThrottleConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Failed sign-ins counted per (email, client IP) and per email, in the database (see
 * V3__login_throttle.sql). Call inside a transaction; the functions are the only way in.
 */
@ApplicationScoped
public class LoginThrottle {

    private final ThrottleConfig config;

    public LoginThrottle(ThrottleConfig config) {
        this.config = config;
    }

    /** The hashed keys of one attempt: emails typed at the sign-in form are never stored. */
    public record Keys(byte[] pair, byte[] email, String clientIp) {

        public static Keys of(String email, String clientIp) {
            String normalised = email.strip().toLowerCase(Locale.ROOT);
            return new Keys(Hashes.sha256("pair|" + normalised + "|" + clientIp), Hashes.sha256("email|" + normalised), clientIp);
        }
    }

    /** Seconds to wait before this attempt may be made; 0 when it may be made now. */
    public Uni<Integer> secondsToWait(Keys keys, OffsetDateTime now) {
        return query(session -> session.createNativeQuery("select users.login_throttle_wait(?1, ?2, ?3)", Integer.class)
                .setParameter(1, keys.pair()).setParameter(2, keys.email()).setParameter(3, now).getSingleResult());
    }

    public Uni<Integer> failed(Keys keys, UUID knownUser, OffsetDateTime now) {
        return event(knownUser, keys, "failure").chain(() -> query(session -> session.createNativeQuery(
                "select users.login_throttle_fail(?1, ?2, ?3, ?4, make_interval(secs => ?5), make_interval(secs => ?6),"
                        + " make_interval(secs => ?7), ?8, make_interval(secs => ?9))", Integer.class)
                .setParameter(1, keys.pair()).setParameter(2, keys.email()).setParameter(3, now)
                .setParameter(4, config.freeTries())
                .setParameter(5, (double) config.firstLock().toSeconds())
                .setParameter(6, (double) config.maxLock().toSeconds())
                .setParameter(7, (double) config.resetAfter().toSeconds())
                .setParameter(8, config.emailLimit())
                .setParameter(9, (double) config.emailWindow().toSeconds())
                .getSingleResult()));
    }

    public Uni<Void> succeeded(Keys keys, UUID user) {
        return event(user, keys, "success").chain(() -> query(session -> session
                .createNativeQuery("select cast(users.login_throttle_succeed(?1) as text)", String.class)
                .setParameter(1, keys.pair()).getSingleResult())).replaceWithVoid();
    }

    public Uni<Void> throttled(Keys keys) {
        return event(null, keys, "throttled");
    }

    private Uni<Void> event(UUID user, Keys keys, String outcome) {
        return query(session -> session
                .createNativeQuery("select cast(users.login_event(?1, ?2, ?3, ?4) as text)", String.class)
                .setParameter(1, user).setParameter(2, keys.email()).setParameter(3, keys.clientIp())
                .setParameter(4, outcome).getSingleResult()).replaceWithVoid();
    }

    private static <T> Uni<T> query(Function<Mutiny.Session, Uni<T>> work) {
        return Panache.getSession().chain(session -> work.apply(session));
    }
}
