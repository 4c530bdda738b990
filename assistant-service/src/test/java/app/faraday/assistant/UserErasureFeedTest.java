package app.faraday.assistant;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.events.FeedEvent;
import app.faraday.kit.events.FeedSubscriptions;
import app.faraday.kit.security.Caller;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** A {@code user.deleted} event from user-service's feed deletes that user's usage rows, and only theirs. */
@QuarkusTest
class UserErasureFeedTest {

    @Inject
    UserErasureFeed feed;

    @Inject
    Transactions tx;

    private final TestUser admin = TestUser.admin();

    @Test
    void anErasedUsersUsageGoesAndOthersStay() throws Throwable {
        int profile = Profiles.create(admin, null);
        TestUser erased = TestUser.teacher();
        TestUser kept = TestUser.teacher();
        for (TestUser user : new TestUser[] { erased, erased, kept }) {
            given().auth().oauth2(user.token()).post("/api/v1/assistant-profiles/" + profile + "/usage").then()
                    .statusCode(200);
        }

        apply(event("user.deleted", erased.id()));
        assertEquals(0, UsageTest.uses(profile, erased.id()));
        assertEquals(1, UsageTest.uses(profile, kept.id()));

        apply(event("user.deleted", erased.id())); // delivered again after a crash: harmless
        apply(event("user.renamed", kept.id())); // not ours to act on
        assertEquals(1, UsageTest.uses(profile, kept.id()));
    }

    private void apply(FeedEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> tx.runWithSession(
                Caller.of(null, Set.of(Caller.SERVICE), "feed-test"),
                session -> FeedSubscriptions.dispatcher(feed).apply(event, session)));
    }

    private static FeedEvent event(String type, UUID user) {
        return new FeedEvent(1, UUID.randomUUID(), type, user.toString(),
                new ObjectMapper().createObjectNode().put("userId", user.toString()), OffsetDateTime.now());
    }
}
