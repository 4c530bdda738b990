package app.faraday.assistant;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.events.FeedConsumer;
import app.faraday.kit.testing.TestTokens;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import io.smallrye.mutiny.Uni;

/**
 * Profile deletions reach the other services through the outbox feed: each exactly once per cursor,
 * read over HTTP with a real service token by service-kit's own consumer.
 */
@QuarkusTest
class DeletionFeedTest {

    @Inject
    Transactions tx;

    private final TestUser admin = TestUser.admin();
    private final List<String> applied = new CopyOnWriteArrayList<>();

    private FeedConsumer consumer(String feed) {
        URI self = URI.create("http://localhost:" + RestAssured.port);
        FeedConsumer.Settings settings = new FeedConsumer.Settings(feed, self, "assistant", Duration.ofMillis(100),
                Duration.ofSeconds(1), 2);
        String token = "Bearer " + TestTokens.service("content-service", "feed:assistant-service");
        return new FeedConsumer(settings, (event, session) -> {
            if (event.type().equals("assistant.profile.deleted")) {
                applied.add(event.payload().path("profileId").asText());
            }
            return Uni.createFrom().voidItem();
        }, tx, () -> Uni.createFrom().item(token));
    }

    private static <T> T await(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work);
    }

    @Test
    void eachDeletionIsDeliveredExactlyOncePerCursor() throws Throwable {
        String feed = "assistant-" + System.nanoTime();
        FeedConsumer consumer = consumer(feed);
        while (await(consumer::pollOnce) > 0) {
            // catch up with what other tests published
        }
        applied.clear();
        List<String> deleted = List.of(deleteAProfile(), deleteAProfile(), deleteAProfile());

        while (await(consumer::pollOnce) > 0) {
            // two per batch
        }
        assertEquals(deleted, applied);
        assertEquals(0, await(consumer::pollOnce));

        // A consumer restarted from the stored cursor sees nothing again; a new cursor sees each once.
        assertEquals(0, await(consumer(feed)::pollOnce));
        applied.clear();
        FeedConsumer fresh = consumer("assistant-fresh-" + System.nanoTime());
        while (await(fresh::pollOnce) > 0) {
            // from the start of the feed
        }
        assertEquals(deleted, applied.subList(applied.size() - 3, applied.size()));
        assertEquals(applied.stream().distinct().count(), applied.size(), "no event twice");
    }

    @Test
    void theFeedIsForServiceTokensOnly() {
        given().auth().oauth2(admin.token()).get("/internal/events").then().statusCode(403);
        given().auth().oauth2(TestUser.teacher().token()).get("/internal/events").then().statusCode(403);
        given().get("/internal/events").then().statusCode(401);
        given().auth().oauth2(TestTokens.service("memory-service")).queryParam("limit", 0).get("/internal/events")
                .then().statusCode(400);
    }

    @Test
    void aServiceTokenReadsOnlyTheFeedsItIsScopedTo() {
        given().auth().oauth2(TestTokens.service("content-service", "feed:assistant-service")).get("/internal/events")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.service("content-service")).get("/internal/events").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.service("memory-service", "feed:user-service")).get("/internal/events")
                .then().statusCode(403);
    }

    private String deleteAProfile() {
        int id = Profiles.create(admin, null);
        given().auth().oauth2(admin.token()).delete("/api/v1/assistant-profiles/" + id).then().statusCode(204);
        return String.valueOf(id);
    }
}
