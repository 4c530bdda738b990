package app.faraday.memory;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.hibernate.reactive.mutiny.Mutiny;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.security.Caller;
import app.faraday.memory.config.MemoryConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Forgetting on time: expired memories, then each category's retention rule, in batches of
 * {@code faraday.memory.purge.batch-size}, each batch a short transaction of its own, so no purge holds
 * a long lock; replicas purging at once skip each other's rows. (Data keys on retired master keys are
 * moved by service-kit's KeyRewrap.) Runs as the service role, which reaches memories
 * only through these narrow functions.
 */
@ApplicationScoped
public class Forgetting {

    private static final Caller JOB = Caller.service("forgetting");

    private final MemoryConfig config;
    private final Transactions tx;
    private final Clock clock;

    public Forgetting(MemoryConfig config, Transactions tx) {
        this.config = config;
        this.tx = tx;
        this.clock = Clock.systemUTC();
    }

    /** A retention rule for a category that does not exist is a typo: fail at start. */
    void onStart(@Observes StartupEvent event) {
        config.retention().keySet().forEach(category -> {
            if (!config.categories().contains(category)) {
                throw new IllegalStateException("faraday.memory.retention." + category
                        + " names no category of faraday.memory.categories");
            }
        });
    }

    @Scheduled(every = "${faraday.memory.purge.interval}", delayed = "${faraday.memory.purge.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run(clock.instant()).invoke(n -> {
            if (n > 0) {
                Log.infof("forgot %d memories (expired or past their retention)", n);
            }
        }).replaceWithVoid();
    }

    /** Everything due at {@code now}; answers how many memories were forgotten. */
    public Uni<Integer> run(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        Uni<Integer> total = drain(session -> session.createNativeQuery(
                "select memory.memory_purge_expired(?1, ?2)", Integer.class)
                .setParameter(1, at).setParameter(2, config.purge().batchSize()).getSingleResult());
        for (Map.Entry<String, MemoryConfig.Retention> rule : config.retention().entrySet()) {
            OffsetDateTime idleSince = at.minus(rule.getValue().idleFor());
            total = total.chain(sum -> drain(session -> session.createNativeQuery(
                    "select memory.memory_purge_idle(?1, ?2, ?3, ?4)", Integer.class)
                    .setParameter(1, rule.getKey()).setParameter(2, (float) rule.getValue().maxImportance())
                    .setParameter(3, idleSince).setParameter(4, config.purge().batchSize()).getSingleResult())
                    .map(n -> sum + n));
        }
        return total;
    }

    private Uni<Integer> drain(Function<Mutiny.Session, Uni<Integer>> batch) {
        return tx.drain(JOB, config.purge().batchSize(), batch);
    }
}
