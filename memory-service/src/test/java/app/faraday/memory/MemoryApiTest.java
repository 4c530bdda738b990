package app.faraday.memory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** A teacher's memories through the API: their own only, versioned, never duplicated, capped. */
@QuarkusTest
class MemoryApiTest {

    @Test
    void aTeacherStoresReadsChangesAndForgetsAMemory() {
        TestUser owner = TestUser.teacher();
        int profile = Fixtures.profile();
        var created = Fixtures.create(owner, profile, "Prefers station rotations for skill work",
                "\"context\": {\"source\": \"lesson_planning\", \"gradeLevel\": \"4\"}")
                .then().statusCode(201).header("ETag", "\"1\"")
                .body("content", equalTo("Prefers station rotations for skill work"))
                .body("context.gradeLevel", equalTo("4")).body("sensitive", equalTo(false))
                .body("accessCount", equalTo(0)).body("version", equalTo(1)).extract();
        long id = created.jsonPath().getLong("id");
        assertEquals(true, created.header("Location").endsWith("/api/v1/memories/" + id), created.header("Location"));

        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + id).then().statusCode(200)
                .header("ETag", "\"1\"").body("accessCount", equalTo(1)).body("assistantProfileId", equalTo(profile));
        given().auth().oauth2(owner.token()).contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"importance\": 0.9, \"category\": \"teaching_style\"}").patch("/api/v1/memories/" + id)
                .then().statusCode(200).header("ETag", "\"2\"").body("importance", equalTo(0.9f))
                .body(containsString("\"importance\":0.9,"))
                .body("category", equalTo("teaching_style"))
                .body("content", equalTo("Prefers station rotations for skill work"));
        given().auth().oauth2(owner.token()).contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"importance\": 0.1}").patch("/api/v1/memories/" + id).then().statusCode(412);
        given().auth().oauth2(owner.token()).contentType("application/merge-patch+json")
                .body("{\"importance\": 0.1}").patch("/api/v1/memories/" + id).then().statusCode(428);
        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + id + "/interactions").then().statusCode(200)
                .body("items.type", contains("updated", "created")).body("total", equalTo(2));

        given().auth().oauth2(owner.token()).delete("/api/v1/memories/" + id).then().statusCode(204);
        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + id).then().statusCode(404);
        assertEquals(0, Fixtures.count("select count(*) from memory.memory_interactions where memory_id = ?", id));
        assertEquals(0, Fixtures.count("select count(*) from memory.memory_stats where memory_id = ?", id));
    }

    @Test
    void anExactDuplicateIsRefusedNamingTheOneThatExists() {
        TestUser owner = TestUser.teacher();
        int profile = Fixtures.profile();
        long first = Fixtures.memory(owner, "Likes relay races on Fridays", null);
        Fixtures.create(owner, profile, "  likes RELAY   races on fridays ", null).then().statusCode(400);
        Fixtures.create(owner, profile, "likes RELAY   races on fridays", null).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("memory " + first));
        Fixtures.create(owner, profile, "likes relay races on fridays", "\"sensitive\": true").then().statusCode(409);
        // Under another profile, or for another teacher, it is a memory of its own.
        Fixtures.create(owner, Fixtures.profile(true), "Likes relay races on Fridays", null).then().statusCode(201);
        Fixtures.create(TestUser.teacher(), profile, "Likes relay races on Fridays", null).then().statusCode(201);

        long sealed = Fixtures.memory(owner, "Knee surgery in May", "\"sensitive\": true");
        Fixtures.create(owner, profile, "knee surgery in may", null).then().statusCode(409)
                .body("detail", containsString("memory " + sealed));

        // A change that would make two memories equal is refused too.
        long other = Fixtures.memory(owner, "Prefers small-sided games", null);
        given().auth().oauth2(owner.token()).contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"content\": \"LIKES relay races on Fridays\"}").patch("/api/v1/memories/" + other)
                .then().statusCode(409).body("detail", containsString("memory " + first));

        // An expired memory blocks nothing: it is gone for every purpose.
        Fixtures.update("update memory.user_memories set expires_at = now() - interval '1 minute' where id = ?", first);
        Fixtures.create(owner, profile, "Likes relay races on Fridays", null).then().statusCode(201);
        assertEquals(0, Fixtures.count("select count(*) from memory.user_memories where id = ?", first));
    }

    @Test
    void theSameMemoryStoredAtOnceIsStoredOnce() throws Exception {
        TestUser owner = TestUser.teacher();
        int profile = Fixtures.profile();
        String content = Fixtures.unique("Leads the morning stretch");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> Fixtures.create(owner, profile, content, null).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Fixtures.count("select count(*) from memory.user_memories where user_id = ?"
                + " and assistant_profile_id = ?", owner.id(), profile));
    }

    @Test
    void eachTeacherKeepsAtMostTheCapOfMemoriesPerProfile() {
        TestUser owner = TestUser.teacher();
        int profile = Fixtures.profile(true);
        Fixtures.create(owner, profile, "The first one", null).then().statusCode(201);
        // 4,998 more below the API (the cap is 5,000), each with a distinct duplicate key.
        Fixtures.update("insert into memory.user_memories (user_id, assistant_profile_id, content, importance,"
                + " category, content_key) select ?, ?, 'filler ' || i, 0.1, 'feedback', sha256(('" + owner.id()
                + "' || i)::bytea) from generate_series(1, 4998) i", owner.id(), profile);
        Fixtures.create(owner, profile, "Number five thousand", null).then().statusCode(201);
        Fixtures.create(owner, profile, "One too many", null).then().statusCode(409)
                .body("type", containsString("memory-limit")).body("detail", containsString("5000"));
        Fixtures.create(owner, Fixtures.profile(), "Another profile has room", null).then().statusCode(201);
    }

    @Test
    void otherTeachersMemoriesDoNotExistForAnyoneElseAdminsIncluded() {
        TestUser owner = TestUser.teacher();
        long id = Fixtures.memory(owner, "Coaches the after-school running club", null);
        for (TestUser stranger : List.of(TestUser.teacher(), TestUser.admin())) {
            given().auth().oauth2(stranger.token()).get("/api/v1/memories/" + id).then().statusCode(404);
            given().auth().oauth2(stranger.token()).contentType("application/merge-patch+json")
                    .header("If-Match", "\"1\"").body("{\"importance\": 1}").patch("/api/v1/memories/" + id)
                    .then().statusCode(404);
            given().auth().oauth2(stranger.token()).delete("/api/v1/memories/" + id).then().statusCode(404);
            given().auth().oauth2(stranger.token()).get("/api/v1/memories/" + id + "/interactions").then()
                    .statusCode(404);
            given().auth().oauth2(stranger.token()).contentType("application/json")
                    .body("{\"type\": \"used\", \"success\": true}").post("/api/v1/memories/" + id + "/interactions")
                    .then().statusCode(404);
            given().auth().oauth2(stranger.token()).queryParam("q", "running club").get("/api/v1/memories").then()
                    .statusCode(200).body("items", hasSize(0)).body("total", equalTo(0));
        }
        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + id).then().statusCode(200)
                .body("version", equalTo(1));
    }

    @Test
    void anExpiredMemoryIsNeverReturned() {
        TestUser owner = TestUser.teacher();
        long id = Fixtures.memory(owner, "Gym closed for floor refinishing this week",
                "\"expiresAt\": \"2099-01-01T00:00:00Z\", \"category\": \"schedule\"");
        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + id).then().statusCode(200)
                .body("expiresAt", equalTo("2099-01-01T00:00:00Z"));
        Fixtures.update("update memory.user_memories set expires_at = now() - interval '1 second' where id = ?", id);
        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + id).then().statusCode(404);
        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + id + "/interactions").then().statusCode(404);
        for (String sort : List.of("recent", "relevance")) {
            given().auth().oauth2(owner.token()).queryParam("sort", sort).get("/api/v1/memories").then()
                    .statusCode(200).body("items.id", not(org.hamcrest.Matchers.hasItem(id)))
                    .body("total", equalTo(0));
            given().auth().oauth2(owner.token()).queryParam("sort", sort).queryParam("q", "floor refinishing")
                    .get("/api/v1/memories").then().statusCode(200).body("total", equalTo(0));
        }
        Fixtures.create(owner, Fixtures.profile(), "Assembly in the gym", "\"expiresAt\": \"2020-01-01T00:00:00Z\"")
                .then().statusCode(400).body("violations[0].field", equalTo("expiresAt"));
    }

    @Test
    void listsFilterAndPage() {
        TestUser owner = TestUser.teacher();
        int profile = Fixtures.profile();
        int other = Fixtures.profile(true);
        Fixtures.memory(owner, "Uses whistles sparingly", "\"category\": \"teaching_style\"");
        Fixtures.create(owner, other, "Teaches swimming in spring", "\"category\": \"schedule\"").then()
                .statusCode(201);
        Fixtures.memory(owner, "Enjoys teaching basketball fundamentals", null);
        given().auth().oauth2(owner.token()).get("/api/v1/memories").then().statusCode(200).body("total", equalTo(3))
                .body("items.content", contains("Enjoys teaching basketball fundamentals", "Teaches swimming in spring",
                        "Uses whistles sparingly"))
                .body("items[0].score", nullValue());
        given().auth().oauth2(owner.token()).queryParam("assistantProfileId", other).get("/api/v1/memories").then()
                .body("items.content", contains("Teaches swimming in spring"));
        given().auth().oauth2(owner.token()).queryParam("category", "teaching_style").get("/api/v1/memories").then()
                .body("items.content", contains("Uses whistles sparingly"));
        given().auth().oauth2(owner.token()).queryParam("q", "basketball").get("/api/v1/memories").then()
                .body("items.content", contains("Enjoys teaching basketball fundamentals"));
        given().auth().oauth2(owner.token()).queryParam("size", 2).queryParam("page", 1).get("/api/v1/memories")
                .then().body("items", hasSize(1)).body("page", equalTo(1)).body("total", equalTo(3));
        given().auth().oauth2(owner.token()).queryParam("category", "astrology").get("/api/v1/memories").then()
                .statusCode(400).body("violations[0].field", equalTo("category"));
    }
}
