package app.faraday.user.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import app.faraday.kit.error.ProblemException;
import app.faraday.user.config.PasswordConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.elytron.security.common.BcryptUtil;

/** The bcrypt pool sheds load instead of queueing without bound, and skips checks nobody waits for. */
class PasswordHasherTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PasswordHasher hasher = new PasswordHasher(config(1, 1), registry);

    @Test
    void beyondTheQueueAHashIsRefusedAtOnceWith503AndRetryAfter() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> first = hasher.matches("correct horse", null, () -> {
            running.countDown();
            await(release);
            return true;
        }).subscribeAsCompletionStage();
        assertTrue(running.await(10, TimeUnit.SECONDS));
        CompletableFuture<Boolean> queued = hasher.matches("battery staple", null).subscribeAsCompletionStage();

        CompletableFuture<Void> room = hasher.ensureRoom().subscribeAsCompletionStage();
        CompletableFuture<Boolean> refused = hasher.matches("staple battery", null).subscribeAsCompletionStage();

        for (CompletableFuture<?> answer : List.of(room, refused)) {
            assertTrue(answer.isCompletedExceptionally(), "refused at once, not queued");
            ProblemException problem = problem(answer);
            assertEquals(503, problem.status());
            assertTrue(problem.retryAfterSeconds() >= 1, "Retry-After " + problem.retryAfterSeconds());
        }
        release.countDown();
        assertFalse(first.get(10, TimeUnit.SECONDS), "no hash: an unknown email never matches");
        assertFalse(queued.get(10, TimeUnit.SECONDS));
        assertEquals(2.0, registry.get("faraday.password.refused").counter().count());
        assertEquals(2, registry.get("faraday.password.hashes").timer().count());
        assertTrue(hasher.ensureRoom().subscribeAsCompletionStage().isDone(), "room again once the queue drained");
    }

    @Test
    void aCheckWhoseClientLeftBeforeItsTurnSpendsNoHash() throws Exception {
        String hash = BcryptUtil.bcryptHash("correct horse battery", 10);
        CompletableFuture<Boolean> answer = hasher.matches("correct horse battery", hash, () -> false)
                .subscribeAsCompletionStage();
        ProblemException problem = problem(answer);
        assertEquals(499, problem.status());
        assertEquals(0, registry.get("faraday.password.hashes").timer().count());
        assertEquals(1.0, registry.get("faraday.password.abandoned").counter().count());
        assertTrue(hasher.matches("correct horse battery", hash).await().atMost(Duration.ofSeconds(10)));
    }

    private static ProblemException problem(CompletableFuture<?> answer) throws Exception {
        try {
            answer.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return assertInstanceOf(ProblemException.class, e.getCause());
        }
        throw new AssertionError("expected a problem, got " + answer.join());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static PasswordConfig config(int threads, int queue) {
        return new Config(15, 10, 3, OptionalInt.of(threads), OptionalInt.of(queue));
    }

    private record Config(int minLength, int bcryptCost, int minStrength, OptionalInt hashThreads,
            OptionalInt hashQueue)
            implements PasswordConfig {
    }
}
