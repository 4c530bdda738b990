package app.faraday.user.auth;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import app.faraday.user.config.PasswordConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * bcrypt hashing and checking, off the event loop on a pool sized to the cores, so that sign-ins
 * queue among themselves instead of blocking other requests. Results come back on the caller's
 * Vert.x context, where Hibernate Reactive expects them.
 */
@ApplicationScoped
public class PasswordHasher {

    /** A real hash of a random password: checked when an email is unknown, so timing reveals nothing. */
    private final String dummyHash;
    private final int cost;
    private final ExecutorService pool;

    public PasswordHasher(PasswordConfig config) {
        this.cost = config.bcryptCost();
        this.pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), runnable -> {
            Thread thread = new Thread(runnable, "bcrypt");
            thread.setDaemon(true);
            return thread;
        });
        this.dummyHash = BcryptUtil.bcryptHash(java.util.UUID.randomUUID().toString(), cost);
    }

    public Uni<String> hash(String password) {
        return offload(() -> BcryptUtil.bcryptHash(password, cost));
    }

    /** Checks a password against a hash, or against a dummy hash when there is none. */
    public Uni<Boolean> matches(String password, String hash) {
        String target = hash == null ? dummyHash : hash;
        return offload(() -> BcryptUtil.matches(password, target) && hash != null);
    }

    private <T> Uni<T> offload(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> uni = Uni.createFrom().item(work).runSubscriptionOn(pool);
        return context == null ? uni : uni.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
