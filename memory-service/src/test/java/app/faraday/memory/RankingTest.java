package app.faraday.memory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** sort=relevance: text, importance, recency and feedback together; reads counted in batches. */
@QuarkusTest
class RankingTest {

    @Inject
    AccessCounter accesses;

    private static List<Integer> ranked(TestUser owner, String q) {
        var request = given().auth().oauth2(owner.token()).queryParam("sort", "relevance");
        if (q != null) {
            request = request.queryParam("q", q);
        }
        return request.get("/api/v1/memories").then().statusCode(200).body("items[0].score", notNullValue())
                .extract().jsonPath().getList("items.id", Integer.class);
    }

    @Test
    void importanceRecencyAndFeedbackEachMoveAMemory() {
        TestUser owner = TestUser.teacher();
        int low = (int) Fixtures.memory(owner, "Likes volleyball drills", "\"importance\": 0.4");
        int high = (int) Fixtures.memory(owner, "Likes tumbling units", "\"importance\": 0.9");
        assertEquals(List.of(high, low), ranked(owner, null));

        // A year without a change or a use costs more than the importance difference is worth.
        Fixtures.backdate("update memory.user_memories set updated_at = now() - interval '365 days' where id = ?",
                high);
        assertEquals(List.of(low, high), ranked(owner, null));

        // Being used brings it back: recency counts from the last use.
        given().auth().oauth2(owner.token()).contentType("application/json")
                .body("{\"type\": \"used\", \"success\": true}")
                .post("/api/v1/memories/" + high + "/interactions").then().statusCode(201);
        assertEquals(List.of(high, low), ranked(owner, null));
    }

    @Test
    void failedFeedbackLowersAMemory() {
        TestUser owner = TestUser.teacher();
        int a = (int) Fixtures.memory(owner, "Prefers whistle signals", null);
        int b = (int) Fixtures.memory(owner, "Prefers hand signals", null);
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(owner.token()).contentType("application/json")
                    .body("{\"type\": \"recalled\", \"success\": false}")
                    .post("/api/v1/memories/" + b + "/interactions")
                    .then().statusCode(201);
        }
        assertEquals(List.of(a, b), ranked(owner, null));
        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + b).then()
                .body("feedbackCount", equalTo(3)).body("successRate", equalTo(0.0f));
    }

    @Test
    void theBetterTextMatchComesFirst() {
        TestUser owner = TestUser.teacher();
        int once = (int) Fixtures.memory(owner, "Basketball once a month", null);
        int twice = (int) Fixtures.memory(owner, "Basketball drills: basketball dribbling and basketball passing",
                null);
        Fixtures.memory(owner, "Soccer every week", null);
        assertEquals(List.of(twice, once), ranked(owner, "basketball"));
    }

    @Test
    void readsAreCountedAndStoredInBatchesButDoNotFeedRecency() throws Throwable {
        TestUser owner = TestUser.teacher();
        long id = Fixtures.memory(owner);
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(owner.token()).get("/api/v1/memories/" + id).then().statusCode(200)
                    .body("accessCount", equalTo(i + 1));
        }
        ranked(owner, null);
        assertEquals(0, Fixtures.count("select access_count from memory.memory_stats where memory_id = ?", id),
                "not written per read");
        // Every memory read since the last flush, this test's among them, in one statement.
        assertTrue(VertxContextSupport.subscribeAndAwait(accesses::flush) >= 1);
        assertEquals(4, Fixtures.count("select access_count from memory.memory_stats where memory_id = ?", id));
        assertEquals(0, Fixtures.count("select count(*) from memory.audit_log where table_name = 'memory_stats'"));
        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + id).then()
                .body("accessCount", equalTo(5)).body("lastAccessedAt", notNullValue())
                .body("version", equalTo(1));
        given().auth().oauth2(owner.token()).get("/api/v1/memories").then()
                .body("items[0].accessCount", greaterThan(4));
    }

    @Test
    void interactionsAreListedNewestFirstAndTheirTypesAreChecked() {
        TestUser owner = TestUser.teacher();
        long id = Fixtures.memory(owner);
        for (String type : List.of("recalled", "used", "corrected")) {
            given().auth().oauth2(owner.token()).contentType("application/json")
                    .body("{\"type\": \"" + type + "\", \"success\": true}")
                    .post("/api/v1/memories/" + id + "/interactions").then().statusCode(201)
                    .body("type", equalTo(type)).body("memoryId", equalTo((int) id));
        }
        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + id + "/interactions").then()
                .body("items.type", contains("corrected", "used", "recalled", "created")).body("total", equalTo(4));
        given().auth().oauth2(owner.token()).queryParam("size", 1).queryParam("page", 1)
                .get("/api/v1/memories/" + id + "/interactions").then().body("items.type", contains("used"));
        for (String type : List.of("created", "updated", "liked")) {
            given().auth().oauth2(owner.token()).contentType("application/json")
                    .body("{\"type\": \"" + type + "\", \"success\": true}")
                    .post("/api/v1/memories/" + id + "/interactions").then().statusCode(400)
                    .body("violations[0].field", equalTo("type"));
        }
    }
}
