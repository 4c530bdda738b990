package app.faraday.memory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** POST /api/v1/memories/recall: by meaning, the caller's own and unexpired memories only, sealed when sensitive. */
@QuarkusTest
class RecallTest {

    @Inject
    EmbeddingJob job;

    @Inject
    Embeddings embeddings;

    private int profile;

    @BeforeEach
    void ready() {
        profile = Fixtures.profile();
        await().atMost(Duration.ofSeconds(60)).until(() -> embeddings.state() == Embeddings.State.READY);
    }

    private void embedAll() throws Throwable {
        while (VertxContextSupport.subscribeAndAwait(() -> job.embedDue()) > 0) {
            // until the queue has nothing due
        }
    }

    private List<Integer> recalled(TestUser who, String query) {
        return given().auth().oauth2(who.token()).contentType("application/json")
                .body("{\"assistantProfileId\": " + profile + ", \"query\": \"" + query + "\", \"limit\": 3}")
                .post("/api/v1/memories/recall").then().statusCode(200).body("ranking", equalTo("hybrid"))
                .body("model", equalTo("all-minilm-l6-v2-q")).body("note", nullValue())
                .extract().jsonPath().getList("items.memory.id", Integer.class);
    }

    @Test
    void aParaphraseFindsTheMemoryNoWordOfWhichItShares() throws Throwable {
        TestUser owner = TestUser.teacher();
        int warmUps = (int) Fixtures.memory(owner, "Prefers dynamic warm-ups such as high knees before every class",
                "\"importance\": 0.5");
        Fixtures.memory(owner, "Keeps the basketballs in the storage room behind the stage", "\"importance\": 0.5");
        Fixtures.memory(owner, "Grades are due to the office every second Friday", "\"importance\": 0.5");
        embedAll();

        assertEquals(warmUps, recalled(owner, "what should happen at the start of a session?").get(0));
        given().auth().oauth2(owner.token()).contentType("application/json")
                .body("{\"assistantProfileId\": " + profile + ", \"query\": \"how do lessons begin\"}")
                .post("/api/v1/memories/recall").then().statusCode(200)
                .body("items[0].memory.id", equalTo(warmUps))
                .body("items[0].memory.content", equalTo("Prefers dynamic warm-ups such as high knees before every class"))
                .body("items[0].signals.semantic", notNullValue())
                .body("items[0].score", equalTo(given().auth().oauth2(owner.token()).contentType("application/json")
                        .body("{\"assistantProfileId\": " + profile + ", \"query\": \"how do lessons begin\"}")
                        .post("/api/v1/memories/recall").then().extract().path("items[0].memory.score")));
    }

    @Test
    void theRankedListFindsByMeaningToo() throws Throwable {
        TestUser owner = TestUser.teacher();
        int warmUps = (int) Fixtures.memory(owner, "Prefers dynamic warm-ups such as high knees before every class",
                "\"importance\": 0.5");
        int parking = (int) Fixtures.memory(owner, "Parking permit renewal is due in March", "\"importance\": 0.9");
        int sessions = (int) Fixtures.memory(owner, "Keeps a stopwatch for timing each session",
                "\"importance\": 0.1");
        embedAll();

        // Keyword ranking would list only the memory that shares "session" with the question.
        given().auth().oauth2(owner.token()).queryParam("sort", "relevance")
                .queryParam("q", "what should happen at the start of a session?").get("/api/v1/memories").then()
                .log().ifValidationFails().statusCode(200).body("items.id", hasItem(warmUps))
                .body("items.id", hasItem(sessions)).body("items.id", not(hasItem(parking)))
                .body("total", equalTo(2)).body("items[0].score", notNullValue());
        given().auth().oauth2(owner.token()).queryParam("sort", "relevance").queryParam("q", "how do lessons begin")
                .get("/api/v1/memories").then().statusCode(200).body("items.id", contains(warmUps));
        // Filters still apply, and a page past the matches is empty.
        given().auth().oauth2(owner.token()).queryParam("sort", "relevance").queryParam("q", "how do lessons begin")
                .queryParam("category", "schedule").get("/api/v1/memories").then().statusCode(200)
                .body("total", equalTo(0));
        given().auth().oauth2(owner.token()).queryParam("sort", "relevance").queryParam("q", "how do lessons begin")
                .queryParam("page", 5).get("/api/v1/memories").then().statusCode(200)
                .body("items", hasSize(0));
        // Sorted by last change, q still matches words only.
        given().auth().oauth2(owner.token()).queryParam("q", "how do lessons begin").get("/api/v1/memories").then()
                .statusCode(200).body("total", equalTo(0));
    }

    @Test
    void neverAnotherTeachersMemoryNorAnExpiredOne() throws Throwable {
        TestUser owner = TestUser.teacher();
        TestUser other = TestUser.teacher();
        int own = (int) Fixtures.memory(owner, "Runs a yoga cool-down on Fridays", null);
        int expired = (int) Fixtures.memory(owner, "Runs a stretching cool-down after every relay", null);
        long theirs = Fixtures.memory(other, "Runs a yoga cool-down on Fridays", null);
        embedAll();
        Fixtures.backdate("update memory.user_memories set expires_at = now() - interval '1 minute' where id = ?",
                expired);

        assertEquals(List.of(own), recalled(owner, "how does the class wind down at the end?"));
        given().auth().oauth2(other.token()).contentType("application/json")
                .body("{\"assistantProfileId\": " + profile + ", \"query\": \"how does the class wind down?\"}")
                .post("/api/v1/memories/recall").then().statusCode(200)
                .body("items.memory.id", everyItem(not(equalTo(own))))
                .body("items.memory.id", everyItem(not(equalTo(expired))))
                .body("items[0].memory.id", equalTo((int) theirs));
    }

    @Test
    void aSensitiveMemorysVectorIsSealedAndStillFound() throws Throwable {
        TestUser owner = TestUser.teacher();
        long id = Fixtures.memory(owner, "Two students carry inhalers for asthma",
                "\"sensitive\": true, \"category\": \"health_habits\"");
        Fixtures.memory(owner, "Orders new pinnies every August", null);
        embedAll();

        assertEquals(List.of("true"), Fixtures.strings("select (vector is null and sealed_vector like 'v1:dk:%')::text"
                + " from memory.memory_embeddings where memory_id = ?", id));
        assertEquals((int) id, recalled(owner, "any breathing problems among the kids?").get(0));
    }

    @Test
    void aChangedContentIsEmbeddedAgain() throws Throwable {
        TestUser owner = TestUser.teacher();
        long id = Fixtures.memory(owner, "Loves teaching swimming", null);
        embedAll();
        String before = Fixtures.strings("select encode(vector, 'hex') from memory.memory_embeddings"
                + " where memory_id = ?", id).get(0);
        given().auth().oauth2(owner.token()).contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"content\": \"Loves teaching archery\"}").patch("/api/v1/memories/" + id).then()
                .statusCode(200);
        assertEquals(1, Fixtures.count("select count(*) from memory.memory_embedding_queue where memory_id = ?", id));
        embedAll();
        assertEquals(0, Fixtures.count("select count(*) from memory.memory_embedding_queue where memory_id = ?", id));
        String after = Fixtures.strings("select encode(vector, 'hex') from memory.memory_embeddings"
                + " where memory_id = ?", id).get(0);
        assertTrue(!before.equals(after), "the vector did not change with the content");

        // A change of importance only is not a change of meaning: nothing queued.
        given().auth().oauth2(owner.token()).contentType("application/merge-patch+json").header("If-Match", "\"2\"")
                .body("{\"importance\": 0.9}").patch("/api/v1/memories/" + id).then().statusCode(200);
        assertEquals(0, Fixtures.count("select count(*) from memory.memory_embedding_queue where memory_id = ?", id));
    }

    @Test
    void anotherModelsVectorsAreEmbeddedAgain() throws Throwable {
        TestUser owner = TestUser.teacher();
        long id = Fixtures.memory(owner, "Teaches juggling with scarves", null);
        embedAll();
        Fixtures.backdate("update memory.memory_embeddings set model = 'an-older-model' where memory_id = ?", id);
        VertxContextSupport.subscribeAndAwait(() -> job.requeueOtherModels());
        embedAll();
        assertEquals(List.of("all-minilm-l6-v2-q"),
                Fixtures.strings("select model from memory.memory_embeddings where memory_id = ?", id));
    }
}
