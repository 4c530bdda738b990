package app.faraday.user.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.security.Caller;
import app.faraday.user.config.RetentionConfig;
import app.faraday.user.config.ThrottleConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Forgets what only serves for a while: sign-in outcomes after 90 days, refresh tokens 30 days after their
 * session ended, idle throttle counters, and sign-in sources no longer "known". In batches, each its own
 * short transaction, as the service role through narrow functions (V7); replicas skip each other's rows.
 * The audit trail is kept: it is the evidence.
 */
@ApplicationScoped
public class Retention {

    private static final Caller JOB = Caller.service("retention");

    private final RetentionConfig config;
    private final ThrottleConfig throttle;
    private final Transactions tx;
    private final Clock clock;

    public Retention(RetentionConfig config, ThrottleConfig throttle, Transactions tx, Clock clock) {
        this.config = config;
        this.throttle = throttle;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(every = "${faraday.retention.interval}", delayed = "${faraday.retention.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run(clock.instant()).invoke(n -> {
            if (n > 0) {
                Log.infof("retention: %d rows past their time deleted", n);
            }
        }).replaceWithVoid();
    }

    /** Everything due at {@code now}; answers how many rows went. */
    public Uni<Integer> run(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        int batch = config.batchSize();
        return drain(session -> session.createNativeQuery("select users.purge_login_events(?1, ?2)", Integer.class)
                .setParameter(1, at.minus(config.loginEvents())).setParameter(2, batch).getSingleResult())
                .chain(events -> drain(session -> session.createNativeQuery(
                        "select users.purge_refresh_tokens(?1, ?2)", Integer.class)
                        .setParameter(1, at.minus(config.refreshTokens())).setParameter(2, batch).getSingleResult())
                        .map(tokens -> events + tokens))
                .chain(sum -> drain(session -> session.createNativeQuery(
                        "select users.purge_login_state(?1, ?2, ?3, ?4)", Integer.class)
                        .setParameter(1, at.minus(config.loginThrottle()))
                        .setParameter(2, at.minus(throttle.knownAddressFor())).setParameter(3, at)
                        .setParameter(4, batch).getSingleResult())
                        .map(state -> sum + state));
    }

    private Uni<Integer> drain(Function<Mutiny.Session, Uni<Integer>> batch) {
        return tx.drain(JOB, config.batchSize(), batch);
    }
}
