package app.faraday.kit.crypto;

import jakarta.enterprise.context.ApplicationScoped;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.security.Caller;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Moves data keys still wrapped by a retired master key to the active one, in batches, each batch a short
 * transaction of its own, so a retired key can leave the configuration (docs/security.md, rotation).
 */
@ApplicationScoped
public class KeyRewrap {

    private static final Caller JOB = Caller.service("key-rewrap");

    private final SubjectKeys keys;
    private final CryptoConfig config;
    private final Transactions tx;

    public KeyRewrap(SubjectKeys keys, CryptoConfig config, Transactions tx) {
        this.keys = keys;
        this.config = config;
        this.tx = tx;
    }

    @Scheduled(every = "${faraday.crypto.rewrap-interval:1h}", delayed = "${faraday.crypto.rewrap-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().invoke(n -> {
            if (n > 0) {
                Log.infof("re-wrapped %d data keys with the active master key %s", n, keys.activeMasterKeyId());
            }
        }).replaceWithVoid();
    }

    /** Every data key on a retired master key, moved; answers how many. */
    public Uni<Integer> run() {
        int batch = config.rewrapBatchSize();
        return tx.drain(JOB, batch, session -> keys.rewrap(session, batch));
    }
}
