package app.faraday.user.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.faraday.kit.error.ProblemException;
import app.faraday.user.config.PasswordConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;

/**
 * The bcrypt pool admits threads + queue checks and refuses the rest at once, gives slots back however
 * the work ends, skips checks nobody waits for, and fails what is still queued when it stops.
 */
class PasswordHasherTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** One thread and one waiting place: two slots. */
    private final PasswordHasher hasher = new PasswordHasher(config(1, 1), registry);
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void unblock() {
        release.countDown();
    }

    @Test
    void beyondThreadsAndQueueWorkIsRefusedAtOnceWith503AndRetryAfterAndNotRun() throws Exception {
        CompletableFuture<Boolean> first = check(this::blockUntilReleased);
        assertTrue(running.await(10, TimeUnit.SECONDS));
        CompletableFuture<Boolean> queued = check(PasswordHasher.ALWAYS);

        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<Boolean> refused = hasher.withSlot(slot -> {
            ran.set(true);
            return Uni.createFrom().item(true);
        }).subscribeAsCompletionStage();

        assertTrue(refused.isCompletedExceptionally(), "refused at once, not queued");
        ProblemException problem = problem(refused);
        assertEquals(503, problem.status());
        assertEquals("password-checks-busy", problem.slug());
        assertTrue(problem.retryAfterSeconds() >= 1, "Retry-After " + problem.retryAfterSeconds());
        assertFalse(ran.get(), "a refused caller's work never starts (for sign-in: nothing is reserved)");

        release.countDown();
        assertFalse(first.get(10, TimeUnit.SECONDS), "no hash: an unknown email never matches");
        assertFalse(queued.get(10, TimeUnit.SECONDS));
        assertEquals(1.0, registry.get("faraday.password.refused").counter().count());
        assertEquals(2, registry.get("faraday.password.hashes").timer().count());
        assertEquals(0.0, registry.get("faraday.password.admitted").gauge().value(), "every slot given back");
        assertFalse(check(PasswordHasher.ALWAYS).get(10, TimeUnit.SECONDS), "admitted again once drained");
    }

    @Test
    void aSlotIsGivenBackWhenItsWorkFails() throws Exception {
        IllegalStateException failure = new IllegalStateException("the database said no");
        for (int i = 0; i < 5; i++) { // more than the two slots
            CompletableFuture<Object> answer = hasher.withSlot(slot -> Uni.createFrom().failure(failure))
                    .subscribeAsCompletionStage();
            ExecutionException thrown = assertThrows(ExecutionException.class,
                    () -> answer.get(10, TimeUnit.SECONDS));
            assertSame(failure, thrown.getCause(), "not refused as busy: the slots came back");
        }
    }

    @Test
    void aCheckWhoseClientLeftBeforeItsTurnSpendsNoHash() throws Exception {
        String hash = BcryptUtil.bcryptHash("correct horse battery", 10);
        CompletableFuture<Boolean> answer = hasher
                .withSlot(slot -> hasher.matches(slot, "correct horse battery", hash, () -> false))
                .subscribeAsCompletionStage();
        assertEquals(499, problem(answer).status());
        assertEquals(0, registry.get("faraday.password.hashes").timer().count());
        assertEquals(1.0, registry.get("faraday.password.abandoned").counter().count());
        assertTrue(hasher.withSlot(slot -> hasher.matches(slot, "correct horse battery", hash, PasswordHasher.ALWAYS))
                .subscribeAsCompletionStage().get(10, TimeUnit.SECONDS));
    }

    @Test
    void whatIsStillQueuedWhenTheServiceStopsFailsInsteadOfHangingItsRequest() throws Exception {
        check(this::blockUntilReleased);
        assertTrue(running.await(10, TimeUnit.SECONDS));
        CompletableFuture<Boolean> queued = check(PasswordHasher.ALWAYS);
        hasher.stop();
        assertEquals(503, problem(queued).status());
    }

    private CompletableFuture<Boolean> check(BooleanSupplier wanted) {
        return hasher.withSlot(slot -> hasher.matches(slot, "correct horse", null, wanted))
                .subscribeAsCompletionStage();
    }

    private boolean blockUntilReleased() {
        running.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private static ProblemException problem(CompletableFuture<?> answer) throws Exception {
        try {
            answer.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return assertInstanceOf(ProblemException.class, e.getCause());
        }
        throw new AssertionError("expected a problem, got " + answer.join());
    }

    private static PasswordConfig config(int threads, int queue) {
        return new Config(15, 10, 3, OptionalInt.of(threads), OptionalInt.of(queue));
    }

    private record Config(int minLength, int bcryptCost, int minStrength, OptionalInt hashThreads,
            OptionalInt hashQueue) implements PasswordConfig {
    }
}
