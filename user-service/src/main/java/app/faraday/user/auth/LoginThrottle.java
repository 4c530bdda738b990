package app.faraday.user.auth;

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
 * Failed sign-ins counted per (email, client address), per email and per address, and failed
 * re-checks of the current password per account, in the database (V3 and V6 migrations). An
 * attempt is reserved before its password is checked, counted as a failure until it is settled as a
 * success, so parallel guesses cannot all pass one check. Call inside a transaction.
 */
@ApplicationScoped
public class LoginThrottle {

    private final ThrottleConfig config;

    public LoginThrottle(ThrottleConfig config) {
        this.config = config;
    }

    /**
     * The hashed keys of one attempt: emails typed at the sign-in form are never stored. {@code email}
     * and {@code source} are null for a password re-check, which has only its own counter.
     */
    public record Keys(byte[] pair, byte[] email, byte[] source, String clientIp) {

        public static Keys signIn(String email, String clientIp) {
            String normalised = email.strip().toLowerCase(Locale.ROOT);
            return new Keys(Sha256.of("pair|" + normalised + "|" + clientIp), Sha256.of("email|" + normalised),
                    Sha256.of("source|" + clientIp), clientIp);
        }

        /** Its own counter, so a stolen token guessing the password cannot lock the owner out of signing in. */
        public static Keys passwordCheck(UUID userId) {
            return new Keys(Sha256.of("password-check|" + userId), null, null, null);
        }
    }

    /** Counts the attempt and answers 0, or answers the seconds to wait and counts nothing. */
    public Uni<Integer> reserve(Keys keys, OffsetDateTime now) {
        return query(session -> session.createNativeQuery("select users.login_attempt_reserve(?1,"
                + " nullif(?2, ''::bytea), nullif(?3, ''::bytea), ?4, ?5,"
                + " make_interval(secs => ?6), make_interval(secs => ?7), make_interval(secs => ?8), ?9,"
                + " make_interval(secs => ?10), ?11, make_interval(secs => ?12), make_interval(secs => ?13))",
                        Integer.class)
                .setParameter(1, keys.pair()).setParameter(2, orEmpty(keys.email()))
                .setParameter(3, orEmpty(keys.source()))
                .setParameter(4, now)
                .setParameter(5, config.freeTries())
                .setParameter(6, seconds(config.firstLock()))
                .setParameter(7, seconds(config.maxLock()))
                .setParameter(8, seconds(config.resetAfter()))
                .setParameter(9, config.emailLimit())
                .setParameter(10, seconds(config.emailWindow()))
                .setParameter(11, config.addressLimit())
                .setParameter(12, seconds(config.addressWindow()))
                .setParameter(13, seconds(config.knownAddressFor()))
                .getSingleResult());
    }

    /**
     * Settles a reserved attempt whose password was right; {@code user} makes the (email, address)
     * pair known for that account (null for a password re-check).
     */
    public Uni<Void> succeeded(Keys keys, UUID user, OffsetDateTime now) {
        return query(session -> session.createNativeQuery(
                "select cast(users.login_attempt_succeeded(?1, nullif(?2, ''::bytea), nullif(?3, ''::bytea),"
                        + " ?4, ?5, ?6, ?7) as text)", String.class)
                .setParameter(1, keys.pair()).setParameter(2, orEmpty(keys.email()))
                .setParameter(3, orEmpty(keys.source()))
                .setParameter(4, user).setParameter(5, now)
                .setParameter(6, config.emailLimit()).setParameter(7, config.addressLimit())
                .getSingleResult()).replaceWithVoid();
    }

    /** Sign-in outcomes ({@code success}, {@code failure}, {@code throttled}) for the audit trail. */
    public Uni<Void> event(UUID user, Keys keys, String outcome) {
        return query(session -> session
                .createNativeQuery("select cast(users.login_event(?1, ?2, ?3, ?4) as text)", String.class)
                .setParameter(1, user).setParameter(2, keys.email()).setParameter(3, keys.clientIp())
                .setParameter(4, outcome).getSingleResult()).replaceWithVoid();
    }

    /** "No such key" as an empty value rather than a null, whose type the driver would have to guess. */
    private static byte[] orEmpty(byte[] key) {
        return key == null ? new byte[0] : key;
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static <T> Uni<T> query(Function<Mutiny.Session, Uni<T>> work) {
        return Panache.getSession().chain(session -> work.apply(session));
    }
}
