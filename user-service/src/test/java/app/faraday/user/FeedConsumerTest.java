package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.events.FeedConsumer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * service-kit's feed consumer against user-service's real deletion feed, over HTTP with a real
 * service token: each event applied once, the cursor kept in the database, failures retried.
 */
@QuarkusTest
class FeedConsumerTest {

    @Inject
    Transactions tx;

    @Inject
    Vertx vertx;

    private final List<String> applied = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> failOn = new AtomicReference<>();

    private FeedConsumer consumer(String feed) {
        URI self = URI.create("http://localhost:" + RestAssured.port);
        FeedConsumer.Settings settings = new FeedConsumer.Settings(feed, self, "users", Duration.ofMillis(100),
                Duration.ofSeconds(1), 2);
        return new FeedConsumer(settings, (event, session) -> {
            if (event.subject().equals(failOn.get())) {
                return Uni.createFrom().failure(new IllegalStateException("handler failed on purpose"));
            }
            applied.add(event.subject());
            return Uni.createFrom().voidItem();
        }, tx, FeedConsumer.clientCredentials(self, "test-consumer", ErasureAndFeedTest.SERVICE_SECRET));
    }

    /** Runs the consumer's work on a Vert.x context, as its own loop does. */
    private static <T> T await(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work);
    }

    private static String eraseATeacher(Accounts.Account admin) {
        Accounts.Account t = Accounts.teacher("consumed");
        given().auth().oauth2(admin.adminToken()).delete("/api/v1/users/" + t.id()).then().statusCode(204);
        return t.id().toString();
    }

    @Test
    void appliesEachEventOnceInOrderAndKeepsItsCursor() throws Throwable {
        String feed = "users-" + System.nanoTime();
        FeedConsumer consumer = consumer(feed);
        while (await(() -> consumer.pollOnce()) > 0) {
            // catch up with what other tests published
        }
        applied.clear();
        Accounts.Account admin = Accounts.admin("consumer-admin");
        List<String> erased = List.of(eraseATeacher(admin), eraseATeacher(admin), eraseATeacher(admin));

        assertEquals(2, await(() -> consumer.pollOnce()), "one batch");
        assertEquals(1, await(() -> consumer.pollOnce()));
        assertEquals(0, await(() -> consumer.pollOnce()));
        assertEquals(erased, applied);

        long position = await(() -> consumer.position());
        FeedConsumer restarted = consumer(feed);
        assertEquals(position, await(() -> restarted.position()), "the cursor survives a restart");
        assertEquals(0, await(() -> restarted.pollOnce()));
        assertEquals(erased, applied, "nothing applied twice");
    }

    @Test
    void aFailedEventIsRetriedAndNothingIsSkipped() throws Throwable {
        String feed = "users-" + System.nanoTime();
        FeedConsumer consumer = consumer(feed);
        while (await(() -> consumer.pollOnce()) > 0) {
            // catch up
        }
        applied.clear();
        Accounts.Account admin = Accounts.admin("retry-admin");
        String first = eraseATeacher(admin);
        String second = eraseATeacher(admin);
        failOn.set(second);
        long before = await(() -> consumer.position());
        assertThrows(IllegalStateException.class, () -> await(() -> consumer.pollOnce()));
        assertEquals(List.of(first), applied);
        assertEquals(before + 1, await(() -> consumer.position()), "the cursor stops before the failed event");

        failOn.set(null);
        assertEquals(1, await(() -> consumer.pollOnce()));
        assertEquals(List.of(first, second), applied);
    }

    @Test
    void theBackgroundLoopKeepsUp() throws Throwable {
        String feed = "users-" + System.nanoTime();
        FeedConsumer consumer = consumer(feed);
        while (await(() -> consumer.pollOnce()) > 0) {
            // catch up
        }
        applied.clear();
        consumer.start(vertx);
        try {
            String erased = eraseATeacher(Accounts.admin("loop-admin"));
            long deadline = System.currentTimeMillis() + 10_000;
            while (!applied.contains(erased) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(applied.contains(erased), "applied within 10 s");
        } finally {
            consumer.stop();
        }
    }
}
