package app.faraday.memory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.faraday.kit.crypto.FieldCipher;
import app.faraday.kit.crypto.KeyRewrap;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** The purge job, with the clock given to it: expiry, retention per category, and master-key rotation. */
@QuarkusTest
class ForgettingTest {

    @Inject
    Forgetting forgetting;

    @Inject
    KeyRewrap rewrap;

    @Test
    void expiredMemoriesArePurgedInBatchesAndOthersStay() throws Throwable {
        TestUser owner = TestUser.teacher();
        long soon = Fixtures.memory(owner, "Substitute teacher covers Thursday",
                "\"expiresAt\": \"2099-01-01T00:00:00Z\"");
        long later = Fixtures.memory(owner, "Field day in June", "\"expiresAt\": \"2099-06-01T00:00:00Z\"");
        long never = Fixtures.memory(owner);
        // 1,200 expired memories of other teachers: more than two batches of 500.
        Fixtures.update("insert into memory.user_memories (user_id, assistant_profile_id, content, importance,"
                + " category, content_key, expires_at) select gen_random_uuid(), 1, 'old ' || i, 0.5, 'schedule',"
                + " sha256(('expired-' || i || random())::bytea), now() - interval '1 day'"
                + " from generate_series(1, 1200) i");
        int purged = VertxContextSupport.subscribeAndAwait(() -> forgetting.run(Instant.parse("2099-03-01T00:00:00Z")));
        assertTrue(purged >= 1201, "purged " + purged);
        assertEquals(0, Fixtures.count("select count(*) from memory.user_memories where expires_at < '2099-03-01'"));
        assertEquals(0, Fixtures.count("select count(*) from memory.user_memories where id = ?", soon));
        assertEquals(0, Fixtures.count("select count(*) from memory.memory_interactions where memory_id = ?", soon));
        assertEquals(2, Fixtures.count("select count(*) from memory.user_memories where id in (?, ?)", later, never));
    }

    @Test
    void retentionForgetsOnlyIdleLowImportanceMemoriesOfCategoriesWithARule() throws Throwable {
        TestUser owner = TestUser.teacher();
        long idle = Fixtures.memory(owner, "Class of 28 on Mondays",
                "\"category\": \"class_context\", \"importance\": 0.2");
        long important = Fixtures.memory(owner, "Class has two students with hearing aids",
                "\"category\": \"class_context\", \"importance\": 0.8");
        long noRule = Fixtures.memory(owner, "Prefers blue pinnies",
                "\"category\": \"preferences\", \"importance\": 0.1");
        long used = Fixtures.memory(owner, "Class of 30 on Fridays",
                "\"category\": \"class_context\", \"importance\": 0.2");
        Instant now = Instant.now();

        VertxContextSupport.subscribeAndAwait(() -> forgetting.run(now.plus(Duration.ofDays(179))));
        assertEquals(4, Fixtures.count("select count(*) from memory.user_memories where user_id = ?", owner.id()),
                "nothing is idle for 180 days yet");

        // Read 100 days from now: idle since then, not since it was written.
        Fixtures.backdate("update memory.memory_stats set last_accessed_at = ?::timestamptz where memory_id = ?",
                now.plus(Duration.ofDays(100)).toString(), used);
        VertxContextSupport.subscribeAndAwait(() -> forgetting.run(now.plus(Duration.ofDays(181))));
        assertEquals(List.of(String.valueOf(important), String.valueOf(noRule), String.valueOf(used)),
                Fixtures.strings("select id::text from memory.user_memories where user_id = ? order by id",
                        owner.id()));
        assertEquals(0, Fixtures.count("select count(*) from memory.user_memories where id = ?", idle));
    }

    @Test
    void dataKeysWrappedByARetiredMasterKeyAreRewrappedAndStillOpen() throws Throwable {
        TestUser owner = TestUser.teacher();
        long id = Fixtures.memory(owner, "Has a pacemaker: no contact drills", "\"sensitive\": true");
        // Wrap the teacher's data key by the retired key, as a key made before the rotation would be.
        FieldCipher masters = FieldCipher.fromSpec(TestDatabase.MASTER_KEYS, "run0");
        FieldCipher.Cell cell = new FieldCipher.Cell("memory.subject_keys", "wrapped", owner.id().toString());
        String wrapped = Fixtures.strings("select wrapped from memory.subject_keys where subject = ?", owner.id())
                .get(0);
        String dataKey = masters.decrypt(wrapped, cell);
        assertEquals(32, Base64.getDecoder().decode(dataKey).length);
        Fixtures.update("update memory.subject_keys set master_key_id = 'run0', wrapped = ? where subject = ?",
                masters.encrypt(dataKey, cell), owner.id());
        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + id).then().statusCode(200)
                .body("content", equalTo("Has a pacemaker: no contact drills"));

        assertTrue(VertxContextSupport.subscribeAndAwait(rewrap::run) >= 1);
        assertEquals(List.of("run1"), Fixtures.strings("select master_key_id from memory.subject_keys"
                + " where subject = ?", owner.id()));
        assertEquals(0, Fixtures.count("select count(*) from memory.subject_keys where master_key_id <> 'run1'"));
        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + id).then().statusCode(200)
                .body("content", equalTo("Has a pacemaker: no contact drills"));
    }
}
