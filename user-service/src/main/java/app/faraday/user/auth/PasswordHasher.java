package app.faraday.user.auth;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
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
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * bcrypt hashing and checking, off the event loop on a small pool of its own, so that password
 * checks queue among themselves instead of taking the cores other requests need. At most
 * threads + queue checks are admitted at once: a caller takes a {@link Slot} before any other work
 * (for sign-in: before its throttle reservation), so a refusal costs next to nothing, and is a 503
 * with a Retry-After estimated from how long hashes take, rather than a wait that grows until every
 * client times out. A queued check whose client has gone by its turn is dropped unhashed. Results
 * come back on the caller's Vert.x context, where Hibernate Reactive expects them.
 */
@ApplicationScoped
@Startup // a bad setting stops the start; the dummy hash is made at once, not by the first sign-in
public class PasswordHasher {

    /** The 503 every endpoint that checks or hashes a password may answer, as the OpenAPI document says it. */
    public static final String BUSY = "Too many passwords are being checked at once (FARADAY_PASSWORD_HASH_QUEUE);"
            + " nothing was checked or counted: retry after Retry-After";

    /** For work that is wanted whether or not anyone still waits for it (registration, seeding). */
    public static final BooleanSupplier ALWAYS = () -> true;

    /**
     * A real hash of a random password, checked when an email is unknown so timing reveals nothing;
     * made by the pool's first task, not on the start's main thread (a third of a second at cost 12).
     */
    private final Future<String> dummyHash;
    private final int cost;
    private final int threads;
    private final int admitted;
    private final Semaphore slots;
    private final ExecutorService pool;
    /** A moving average of one hash's duration, for Retry-After. */
    private final AtomicLong averageNanos = new AtomicLong();
    private final Timer hashes;
    private final Counter refused;
    private final Counter abandoned;

    /** The right to run password checks, taken before the work that leads to them and given back after. */
    public final class Slot {
        private final AtomicBoolean held = new AtomicBoolean(true);

        private void release() {
            if (held.compareAndSet(true, false)) {
                slots.release();
            }
        }
    }

    public PasswordHasher(PasswordConfig config, MeterRegistry registry) {
        this.cost = config.bcryptCost();
        this.threads = config.hashThreads().orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        this.admitted = threads + config.hashQueue().orElse(8 * threads);
        this.slots = new Semaphore(admitted);
        // Unbounded here: the slots bound what can be waiting.
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "bcrypt");
            thread.setDaemon(true);
            return thread;
        });
        this.hashes = Timer.builder("faraday.password.hashes").description("bcrypt hashes and checks done")
                .register(registry);
        this.refused = Counter.builder("faraday.password.refused")
                .description("password checks refused because threads and queue were full (answered 503)")
                .register(registry);
        this.abandoned = Counter.builder("faraday.password.abandoned")
                .description("queued checks dropped unhashed because their client had gone").register(registry);
        Gauge.builder("faraday.password.admitted", slots, s -> admitted - s.availablePermits())
                .description("password checks admitted and not yet done (running or waiting)").register(registry);
        this.dummyHash = pool.submit(() -> {
            long start = System.nanoTime();
            String hash = BcryptUtil.bcryptHash(UUID.randomUUID().toString(), cost);
            averageNanos.compareAndSet(0, System.nanoTime() - start);
            return hash;
        });
    }

    /**
     * Runs {@code work} holding a slot, given back when it ends however it ends; fails at once with
     * the busy 503, and runs nothing, when none is free.
     */
    public <T> Uni<T> withSlot(Function<Slot, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            if (!slots.tryAcquire()) {
                refused.increment();
                return Uni.createFrom().failure(busy());
            }
            Slot slot = new Slot();
            return Uni.createFrom().deferred(() -> work.apply(slot)).onTermination().invoke(slot::release);
        });
    }

    /** Hashes a new password, in a slot of its own. */
    public Uni<String> hash(String password) {
        return withSlot(slot -> hash(slot, password));
    }

    public Uni<String> hash(Slot slot, String password) {
        return offload(slot, () -> BcryptUtil.bcryptHash(password, cost), ALWAYS);
    }

    /**
     * Checks a password against a hash, or against a dummy hash when there is none; unless
     * {@code wanted} says by the check's turn that nobody waits for it any more: then it fails with a
     * 499-style problem and spends no hash.
     */
    public Uni<Boolean> matches(Slot slot, String password, String hash, BooleanSupplier wanted) {
        return offload(slot, () -> BcryptUtil.matches(password, hash == null ? dummy() : hash) && hash != null,
                wanted);
    }

    /** On a bcrypt thread, after the task that makes it (queued first), or while another thread makes it. */
    private String dummy() {
        try {
            return dummyHash.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the dummy hash was made", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the dummy hash could not be made", e.getCause());
        }
    }

    private <T> Uni<T> offload(Slot slot, Supplier<T> work, BooleanSupplier wanted) {
        if (!slot.held.get()) {
            throw new IllegalStateException("a password check outside the slot's work");
        }
        Context context = Vertx.currentContext();
        Uni<T> uni = Uni.createFrom().emitter(emitter -> {
            try {
                pool.execute(new Check<T>(emitter, work, wanted));
            } catch (RejectedExecutionException e) { // only once shut down
                emitter.fail(busy());
            }
        });
        return context == null ? uni : uni.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    /** One queued check; failed, not dropped, if the service stops before its turn. */
    private final class Check<T> implements Runnable {
        private final UniEmitter<? super T> emitter;
        private final Supplier<T> work;
        private final BooleanSupplier wanted;

        Check(UniEmitter<? super T> emitter, Supplier<T> work, BooleanSupplier wanted) {
            this.emitter = emitter;
            this.work = work;
            this.wanted = wanted;
        }

        @Override
        public void run() {
            try {
                if (!wanted.getAsBoolean()) {
                    abandoned.increment();
                    emitter.fail(new ProblemException(499, "client-gone", "Client went away",
                            "the client closed the connection before its password was checked"));
                    return;
                }
                long start = System.nanoTime();
                T result = work.get();
                long took = System.nanoTime() - start;
                hashes.record(took, TimeUnit.NANOSECONDS);
                averageNanos.accumulateAndGet(took,
                        (average, sample) -> average == 0 ? sample : average + (sample - average) / 8);
                emitter.complete(result);
            } catch (Throwable e) { // an emitter left open would hang its request for good
                emitter.fail(e);
            }
        }

        void stopped() {
            emitter.fail(busy());
        }
    }

    /** 503 with how long the checks already admitted will take, at least a second. */
    private ProblemException busy() {
        long inUse = admitted - slots.availablePermits();
        long seconds = Math.max(1, (long) Math.ceil(inUse * (double) averageNanos.get() / threads / 1e9));
        // averageNanos is 0 only until the first hash is done: then the floor of one second holds.
        return new ProblemException(503, "password-checks-busy", "Too many password checks at once",
                "the service is checking too many passwords at once; try again after Retry-After seconds",
                List.of(), seconds);
    }

    @PreDestroy
    void stop() {
        for (Runnable queued : pool.shutdownNow()) {
            if (queued instanceof Check<?> check) { // not the dummy hash's task
                check.stopped();
            }
        }
    }
}
