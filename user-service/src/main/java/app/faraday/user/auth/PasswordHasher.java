package app.faraday.user.auth;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import app.faraday.kit.error.ProblemException;
import app.faraday.user.config.PasswordConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * bcrypt hashing and checking, off the event loop on a small pool of its own, so that sign-ins queue
 * among themselves instead of taking the cores other requests need. The queue is bounded: beyond it a
 * hash is refused at once with 503 and a Retry-After estimated from how long hashes take, rather than
 * letting waits grow until every client times out. A queued check whose client has gone by its turn
 * is dropped unhashed. Results come back on the caller's Vert.x context, where Hibernate Reactive
 * expects them.
 */
@ApplicationScoped
public class PasswordHasher {

    /** For work that is wanted whether or not anyone still waits for it (registration, seeding). */
    public static final BooleanSupplier ALWAYS = () -> true;

    /** A real hash of a random password: checked when an email is unknown, so timing reveals nothing. */
    private final String dummyHash;
    private final int cost;
    private final int threads;
    private final ThreadPoolExecutor pool;
    /** A moving average of one hash's duration, for Retry-After. */
    private final AtomicLong averageNanos = new AtomicLong();
    private final Timer hashes;
    private final Counter refused;
    private final Counter abandoned;

    public PasswordHasher(PasswordConfig config, MeterRegistry registry) {
        this.cost = config.bcryptCost();
        this.threads = config.hashThreads().orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        int queue = config.hashQueue().orElse(8 * threads);
        if (threads < 1 || queue < 1) {
            throw new IllegalArgumentException("faraday.password.hash-threads and hash-queue must be at least 1");
        }
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), runnable -> {
                    Thread thread = new Thread(runnable, "bcrypt");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.hashes = Timer.builder("faraday.password.hashes").description("bcrypt hashes and checks done")
                .register(registry);
        this.refused = Counter.builder("faraday.password.refused")
                .description("hashes refused because the queue was full (answered 503)").register(registry);
        this.abandoned = Counter.builder("faraday.password.abandoned")
                .description("queued checks dropped unhashed because their client had gone").register(registry);
        Gauge.builder("faraday.password.queue", pool, p -> p.getQueue().size())
                .description("hashes waiting for a bcrypt thread").register(registry);
        long start = System.nanoTime();
        this.dummyHash = BcryptUtil.bcryptHash(UUID.randomUUID().toString(), cost);
        averageNanos.set(System.nanoTime() - start);
    }

    public Uni<String> hash(String password) {
        return offload(() -> BcryptUtil.bcryptHash(password, cost), ALWAYS);
    }

    /** Checks a password against a hash, or against a dummy hash when there is none. */
    public Uni<Boolean> matches(String password, String hash) {
        return matches(password, hash, ALWAYS);
    }

    /**
     * Same, unless {@code wanted} says by the check's turn that nobody waits for it any more: then it
     * fails with a 499-style problem and spends no hash.
     */
    public Uni<Boolean> matches(String password, String hash, BooleanSupplier wanted) {
        String target = hash == null ? dummyHash : hash;
        return offload(() -> BcryptUtil.matches(password, target) && hash != null, wanted);
    }

    /**
     * Fails with the busy 503 when no check could be queued now. Asked before a sign-in touches the
     * database, because a refusal must cost next to nothing (else refusals take the CPU the checks
     * need), and again inside its transaction, so an attempt refused there is rolled back, not counted.
     */
    public Uni<Void> ensureRoom() {
        if (pool.getQueue().remainingCapacity() > 0) {
            return Uni.createFrom().voidItem();
        }
        refused.increment();
        return Uni.createFrom().failure(busy());
    }

    private <T> Uni<T> offload(Supplier<T> work, BooleanSupplier wanted) {
        Context context = Vertx.currentContext();
        Uni<T> uni = Uni.createFrom().emitter(emitter -> {
            try {
                pool.execute(() -> {
                    if (!wanted.getAsBoolean()) {
                        abandoned.increment();
                        emitter.fail(new ProblemException(499, "client-gone", "Client went away",
                                "the client closed the connection before its password was checked"));
                        return;
                    }
                    long start = System.nanoTime();
                    T result;
                    try {
                        result = work.get();
                    } catch (RuntimeException e) {
                        emitter.fail(e);
                        return;
                    }
                    long took = System.nanoTime() - start;
                    hashes.record(took, TimeUnit.NANOSECONDS);
                    averageNanos.accumulateAndGet(took, (average, sample) -> average + (sample - average) / 8);
                    emitter.complete(result);
                });
            } catch (RejectedExecutionException e) {
                refused.increment();
                emitter.fail(busy());
            }
        });
        return context == null ? uni : uni.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    /** 503 with how long the work already queued will take, at least a second. */
    private ProblemException busy() {
        long queued = pool.getQueue().size() + threads;
        long seconds = Math.max(1, (long) Math.ceil(queued * (double) averageNanos.get() / threads / 1e9));
        return new ProblemException(503, "sign-in-busy", "Sign-in is busy",
                "too many passwords are being checked at once; try again after Retry-After seconds", List.of(),
                seconds);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
