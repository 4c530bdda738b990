package app.faraday.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.faraday.kit.audit.AuditTrail;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.events.FeedEvent;
import app.faraday.kit.events.FeedSubscription;
import app.faraday.kit.events.FeedSubscriptions;
import app.faraday.kit.security.Caller;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** The cascade rules applied from other services' deletion feeds, below HTTP, as the service role. */
@QuarkusTest
class FeedHandlersTest {

    @Inject
    DeletionFeeds.Users users;

    @Inject
    DeletionFeeds.Profiles profiles;

    @Inject
    Transactions tx;

    @Inject
    AuditTrail trail;

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aDeletedUsersLessonsGoWithTheirHistory() throws Throwable {
        TestUser admin = TestUser.admin();
        TestUser erased = TestUser.teacher();
        TestUser kept = TestUser.teacher();
        int category = Fixtures.category(admin);
        int gone = Fixtures.lesson(erased, category);
        Fixtures.publish(erased, gone);
        int stays = Fixtures.lesson(kept, category);

        ObjectNode payload = mapper.createObjectNode().put("userId", erased.id().toString());
        apply(users, new FeedEvent(1, UUID.randomUUID(), "user.deleted", erased.id().toString(),
                payload, OffsetDateTime.now()));
        assertEquals(0, Fixtures.count("select count(*) from content.lessons where user_id = ?", erased.id()));
        assertEquals(0, Fixtures.count("select count(*) from content.lesson_versions where lesson_id = ?", gone));
        apply(users, new FeedEvent(1, UUID.randomUUID(), "user.deleted", erased.id().toString(),
                payload, OffsetDateTime.now()));
        assertEquals(1, Fixtures.count("select count(*) from content.lessons where id = ?", stays));
    }

    @Test
    void anErasedTeachersLessonTextLeavesNothingReadableInTheAuditTrail() throws Throwable {
        TestUser admin = TestUser.admin();
        TestUser erased = TestUser.teacher();
        String tag = "Quillfeather relay " + (System.nanoTime() % 1_000_000);
        int lesson = Fixtures.createLesson(erased, Fixtures.category(admin), tag, null).then().statusCode(201)
                .extract().path("id");
        Fixtures.publish(erased, lesson);
        VertxContextSupport.subscribeAndAwait(() -> trail.sealNow());
        assertEquals(0, traces(tag), "sealed: only ciphertext is stored");
        given().auth().oauth2(admin.token()).queryParam("subject", erased.id().toString())
                .queryParam("table", "lessons").get("/api/v1/lessons/audit-chain/entries").then().statusCode(200)
                .body("items[0].changes.title", equalTo(tag)).body("items[0].changes.search", equalTo("[redacted]"));

        ObjectNode payload = mapper.createObjectNode().put("userId", erased.id().toString());
        apply(users, new FeedEvent(4, UUID.randomUUID(), "user.deleted", erased.id().toString(),
                payload, OffsetDateTime.now()));
        VertxContextSupport.subscribeAndAwait(() -> trail.sealNow());
        assertEquals(0, traces(tag), "erased");
        given().auth().oauth2(admin.token()).queryParam("subject", erased.id().toString())
                .queryParam("table", "lesson_versions").get("/api/v1/lessons/audit-chain/entries").then()
                .statusCode(200).body("items.changes.snapshot", org.hamcrest.Matchers.everyItem(equalTo("[erased]")))
                .body("items.size()", org.hamcrest.Matchers.greaterThan(1));
        given().auth().oauth2(admin.token()).queryParam("full", true).get("/api/v1/lessons/audit-chain").then()
                .statusCode(200).body("valid", equalTo(true));
    }

    /** Rows of any audit table whose text holds {@code text}, below the service. */
    private static long traces(String text) {
        long n = 0;
        for (String table : new String[] { "audit_log", "audit_seal", "audit_pending", "audit_trail" }) {
            n += Fixtures.count("select count(*) from content." + table + " t where t::text ilike ?", "%" + text + "%");
        }
        return n;
    }

    @Test
    void aDeletedProfileIsClearedFromLessonsThatKeepTheirContent() throws Throwable {
        TestUser admin = TestUser.admin();
        TestUser owner = TestUser.teacher();
        int category = Fixtures.category(admin);
        int lesson = Fixtures.lesson(owner, category);
        int profile = 700_000 + (int) (System.nanoTime() % 100_000);
        try (var c = app.faraday.kit.testing.TestDatabase.get().connectAsAdmin()) {
            app.faraday.kit.testing.Sql.update(c, "update content.lessons set assistant_profile_id = ? where id = ?",
                    profile, lesson);
        }
        ObjectNode payload = mapper.createObjectNode().put("profileId", profile).put("name", "Gone");
        apply(profiles, new FeedEvent(2, UUID.randomUUID(), "assistant.profile.deleted",
                String.valueOf(profile), payload, OffsetDateTime.now()));
        given().auth().oauth2(owner.token()).get("/api/v1/lessons/" + lesson).then().statusCode(200)
                .body("assistantProfileId", nullValue()).body("version", equalTo(3));
        given().auth().oauth2(owner.token()).get("/api/v1/lessons/" + lesson + "/versions").then()
                .body("[0].changedFields", org.hamcrest.Matchers.contains("assistantProfileId"))
                .body("[0].changedBy", nullValue());
        apply(profiles, new FeedEvent(2, UUID.randomUUID(), "assistant.profile.deleted",
                String.valueOf(profile), payload, OffsetDateTime.now()));
        given().auth().oauth2(owner.token()).get("/api/v1/lessons/" + lesson).then().body("version", equalTo(3));
    }

    @Test
    void eachFeedIsTakenOnlyForTheEventsItPublishes() throws Throwable {
        TestUser admin = TestUser.admin();
        TestUser owner = TestUser.teacher();
        int lesson = Fixtures.lesson(owner, Fixtures.category(admin));
        ObjectNode payload = mapper.createObjectNode().put("userId", owner.id().toString());
        // assistant-service publishes no user.deleted: one arriving on its feed is not applied.
        apply(profiles, new FeedEvent(3, UUID.randomUUID(), "user.deleted", owner.id().toString(),
                payload, OffsetDateTime.now()));
        assertEquals(1, Fixtures.count("select count(*) from content.lessons where id = ?", lesson));
        int profile = 800_000 + (int) (System.nanoTime() % 100_000);
        try (var c = app.faraday.kit.testing.TestDatabase.get().connectAsAdmin()) {
            app.faraday.kit.testing.Sql.update(c, "update content.lessons set assistant_profile_id = ? where id = ?",
                    profile, lesson);
        }
        ObjectNode deleted = mapper.createObjectNode().put("profileId", profile);
        apply(users, new FeedEvent(3, UUID.randomUUID(), "assistant.profile.deleted", String.valueOf(profile), deleted,
                OffsetDateTime.now()));
        given().auth().oauth2(owner.token()).get("/api/v1/lessons/" + lesson).then()
                .body("assistantProfileId", equalTo(profile));
    }

    /** As the service's consumer applies an event of this subscription's feed. */
    private void apply(FeedSubscription feed, FeedEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> tx.runWithSession(
                Caller.of(null, Set.of(Caller.SERVICE), "feed-test"),
                session -> FeedSubscriptions.dispatcher(feed).apply(event, session)));
    }
}
