package app.faraday.memory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.faraday.kit.audit.AuditTrail;
import app.faraday.kit.crypto.SubjectKeys;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.events.FeedConsumer;
import app.faraday.kit.events.FeedEvent;
import app.faraday.kit.events.FeedSubscriptions;
import app.faraday.kit.security.Caller;
import app.faraday.kit.testing.TestTokens;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Forgetting by the cascade rules, through the real publishers' feeds: a teacher erased in user-service
 * while nothing here reads its feed loses their memories within seconds of reading starting again, and
 * their data key with them (crypto-shredding); a profile deleted in assistant-service takes its memories.
 */
@QuarkusTest
class ErasureTest {

    private static final String PASSWORD = "maple kayak lantern orbit tundra";

    @Inject
    DeletionFeeds.Users users;

    @Inject
    DeletionFeeds.Profiles profiles;

    @Inject
    FeedSubscriptions subscriptions;

    @Inject
    SubjectKeys keys;

    @Inject
    Transactions tx;

    @Inject
    AuditTrail trail;

    @Inject
    Vertx vertx;

    private static String userService() {
        return ConfigProvider.getConfig().getValue(UserServiceProcess.URL_PROPERTY, String.class);
    }

    @Test
    void aTeacherErasedWhileThisServiceWasNotReadingLosesTheirMemoriesSoonAfterItReadsAgain() throws Throwable {
        String email = "erased." + UUID.randomUUID().toString().substring(0, 8) + "@springfield.edu";
        given().baseUri(userService()).contentType("application/json")
                .body("{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\", \"name\": \"Erin Erased\"}")
                .post("/api/v1/auth/register").then().statusCode(201);
        String token = given().baseUri(userService()).contentType("application/json")
                .body("{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\"}")
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
        String userId = given().baseUri(userService()).auth().oauth2(token).get("/api/v1/users/me").then()
                .statusCode(200).extract().path("id");
        TestUser teacher = new TestUser(UUID.fromString(userId), token);
        long readable = Fixtures.memory(teacher, "Coaches the Zephyrtrack spring meet", null);
        long sealed = Fixtures.memory(teacher, "Pregnant; due in August", "\"sensitive\": true");
        String ciphertext = Fixtures.strings("select content from memory.user_memories where id = ?", sealed).get(0);
        TestUser kept = TestUser.teacher();
        long keptMemory = Fixtures.memory(kept);

        VertxContextSupport.subscribeAndAwait(() -> trail.sealNow());

        // Erased while memory-service reads nothing of user-service's feed.
        given().baseUri(userService()).auth().oauth2(token).delete("/api/v1/users/me").then().statusCode(204);
        assertEquals(2, Fixtures.count("select count(*) from memory.user_memories where user_id = ?", teacher.id()));

        FeedConsumer consumer = new FeedConsumer(subscriptions.settings("user-service", URI.create(userService())),
                FeedSubscriptions.dispatcher(users), tx, FeedConsumer.clientCredentials(URI.create(userService()),
                        UserServiceProcess.CLIENT_ID, UserServiceProcess.CLIENT_SECRET));
        consumer.start(vertx);
        try {
            await("the memories gone within 10 s of the feed being read again").atMost(Duration.ofSeconds(10))
                    .until(() -> Fixtures.count("select count(*) from memory.user_memories where user_id = ?",
                            teacher.id()) == 0);
        } finally {
            consumer.stop();
        }
        for (String table : List.of("memory_interactions", "memory_stats")) {
            assertEquals(0, Fixtures.count("select count(*) from memory." + table + " where user_id = ?",
                    teacher.id()), table);
        }
        assertEquals(0, Fixtures.count("select count(*) from memory.user_memories where id in (?, ?)", readable,
                sealed));
        assertEquals(1, Fixtures.count("select count(*) from memory.user_memories where id = ?", keptMemory));
        // Delivered again (a restart before the cursor moved): harmless.
        VertxContextSupport.subscribeAndAwait(() -> tx.runWithSession(
                Caller.of(null, Set.of(Caller.SERVICE), "feed-test"),
                session -> DeletionFeeds.Users.userDeleted(new FeedEvent(1, UUID.randomUUID(), "user.deleted",
                        userId, new ObjectMapper().createObjectNode().put("userId", userId), OffsetDateTime.now()),
                        session)));
        assertEquals(1, Fixtures.count("select count(*) from memory.user_memories where id = ?", keptMemory));

        // Crypto-shredding: the audit trail holds the memories' values only as ciphertext under the teacher's
        // key, and no key opens it any more; a tombstone keeps a new one from being made.
        VertxContextSupport.subscribeAndAwait(() -> trail.sealNow());
        assertEquals(List.of("true"), Fixtures.strings("select (wrapped is null and erased_at is not null)::text"
                + " from memory.subject_keys where subject = ?", teacher.id()));
        for (String table : List.of("audit_log", "audit_seal", "audit_pending", "audit_trail")) {
            // One word, since a search vector holds words, not the sentence.
            for (String text : List.of("zephyrtrack", ciphertext)) {
                assertEquals(0, Fixtures.count("select count(*) from memory." + table + " t where t::text ilike ?",
                        "%" + text + "%"), table + " holds " + text);
            }
        }
        assertTrue(Fixtures.count("select count(*) from memory.audit_seal where subject = ? and personal is not null",
                teacher.id()) >= 2, "sealed while the teacher lived, under the key now shredded");
        assertNull(VertxContextSupport.subscribeAndAwait(() -> tx.runWithSession(
                Caller.of(teacher.id(), Set.of(Caller.TEACHER), "shred-test"),
                session -> keys.find(session, teacher.id()))));
        assertFalse(Fixtures.strings("select changes::text from memory.audit_log where table_name = 'subject_keys'"
                + " and row_id = ?", teacher.id().toString()).stream().anyMatch(c -> c.contains("v1:")),
                "the audit trail never held the wrapped key");
    }

    @Test
    void aProfileDeletedInAssistantServiceTakesItsMemories() throws Throwable {
        TestUser owner = TestUser.teacher();
        int doomed = Fixtures.profile(true);
        long gone = Fixtures.create(owner, doomed, "Uses the Coach profile for warm-ups", null).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        long stays = Fixtures.memory(owner);
        Fixtures.deleteProfile(doomed);

        URI assistant = URI.create(Fixtures.assistantUrl());
        String serviceToken = "Bearer " + TestTokens.service("memory-service", "feed:assistant-service");
        FeedConsumer consumer = new FeedConsumer(subscriptions.settings("assistant-service", assistant),
                FeedSubscriptions.dispatcher(profiles), tx, () -> Uni.createFrom().item(serviceToken));
        while (VertxContextSupport.subscribeAndAwait(consumer::pollOnce) > 0) {
            // read the whole feed
        }
        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + gone).then().statusCode(404);
        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + stays).then().statusCode(200);
        // Applied again (a restart before the cursor moved): nothing more goes.
        VertxContextSupport.subscribeAndAwait(() -> tx.runWithSession(
                Caller.of(null, Set.of(Caller.SERVICE), "feed-test"),
                session -> DeletionFeeds.Profiles.profileDeleted(new FeedEvent(1, UUID.randomUUID(),
                        "assistant.profile.deleted", String.valueOf(doomed),
                        new ObjectMapper().createObjectNode().put("profileId", doomed), OffsetDateTime.now()),
                        session)));
        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + stays).then().statusCode(200);
    }

    @Test
    void aMemoryNamesOnlyAnActiveProfile() {
        TestUser owner = TestUser.teacher();
        Fixtures.create(owner, 99_999_999, "No such profile", null).then().statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", equalTo("assistantProfileId"));
        Fixtures.create(owner, Fixtures.profile(false), "Dormant profile", null).then().statusCode(422);
        Fixtures.create(TestUser.admin(), Fixtures.profile(false), "Dormant, even for an admin", null).then()
                .statusCode(422);
        assertEquals(0, Fixtures.count("select count(*) from memory.user_memories where user_id = ?", owner.id()));
    }
}
