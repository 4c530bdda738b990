package app.faraday.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LessonLifecycleTest {

    private final TestUser admin = TestUser.admin();
    private final TestUser owner = TestUser.teacher();
    private final TestUser colleague = TestUser.teacher();
    private int category;

    @BeforeEach
    void category() {
        category = Fixtures.category(admin);
    }

    private String path(int id) {
        return "/api/v1/lessons/" + id;
    }

    @Test
    void aNewLessonIsTheOwnersDraftWithAnETag() {
        String title = Fixtures.unique("Movement Basics");
        Fixtures.createLesson(owner, category, title, null).then().statusCode(201)
                .header("ETag", equalTo("\"1\"")).header("Location", containsString("/api/v1/lessons/"))
                .body("title", equalTo(title)).body("status", equalTo("draft")).body("version", equalTo(1))
                .body("userId", equalTo(owner.id().toString())).body("updatedBy", equalTo(owner.id().toString()))
                .body("schoolYear", matchesPattern("[0-9]{4}-[0-9]{4}"))
                .body("lessonData.activities[0].minutes", equalTo(15));
    }

    @Test
    void draftsAreInvisibleToOtherTeachersUntilPublished() {
        int id = Fixtures.lesson(owner, category);
        given().auth().oauth2(colleague.token()).get(path(id)).then().statusCode(404);
        given().auth().oauth2(colleague.token()).queryParam("subjectCategoryId", category).get("/api/v1/lessons")
                .then().statusCode(200).body("total", equalTo(0));
        Fixtures.status(owner, id, "review");
        given().auth().oauth2(colleague.token()).get(path(id)).then().statusCode(404);
        Fixtures.status(owner, id, "published");
        given().auth().oauth2(colleague.token()).get(path(id)).then().statusCode(200).header("ETag", equalTo("\"3\""));
        given().auth().oauth2(colleague.token()).queryParam("subjectCategoryId", category).get("/api/v1/lessons")
                .then().statusCode(200).body("items.id", contains(id));
        given().auth().oauth2(admin.token()).get(path(Fixtures.lesson(owner, category))).then().statusCode(200);
    }

    @Test
    void changesNeedTheCurrentETag() {
        int id = Fixtures.lesson(owner, category);
        String body = Fixtures.lessonBody("Renamed " + id, category, null);
        given().auth().oauth2(owner.token()).contentType("application/json").body(body).put(path(id))
                .then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(owner.token()).contentType("application/json").header("If-Match", "\"7\"").body(body)
                .put(path(id))
                .then().statusCode(412).body("detail", containsString("version 1"));
        given().auth().oauth2(owner.token()).contentType("application/json").header("If-Match", "W/\"1\"").body(body)
                .put(path(id))
                .then().statusCode(400);
        given().auth().oauth2(owner.token()).contentType("application/json").header("If-Match", "\"1\"").body(body)
                .put(path(id))
                .then().statusCode(200).header("ETag", equalTo("\"2\"")).body("title", equalTo("Renamed " + id));
        given().auth().oauth2(owner.token()).contentType("application/merge-patch+json").header("If-Match", "\"2\"")
                .body("{\"week\": 9, \"lessonData\": {\"durationMinutes\": 40}}").patch(path(id))
                .then().statusCode(200).header("ETag", equalTo("\"3\"")).body("week", equalTo(9))
                .body("lessonData.durationMinutes", equalTo(40)).body("lessonData.objectives", hasSize(1));
        given().auth().oauth2(owner.token()).contentType("application/merge-patch+json").header("If-Match", "\"2\"")
                .body("{\"week\": 10}").patch(path(id)).then().statusCode(412);
    }

    @RepeatedTest(3)
    void twoConcurrentEditsWithTheSameETagMakeExactlyOneWinner() {
        int id = Fixtures.lesson(owner, category);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> given().auth().oauth2(owner.token())
                .contentType("application/json").header("If-Match", "\"1\"").body("{\"title\": \"From tab A\"}")
                .patch(path(id)).statusCode());
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> given().auth().oauth2(owner.token())
                .contentType("application/json").header("If-Match", "\"1\"").body("{\"title\": \"From tab B\"}")
                .patch(path(id)).statusCode());
        List<Integer> statuses = List.of(a.join(), b.join());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(1, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        given().auth().oauth2(owner.token()).get(path(id)).then().header("ETag", equalTo("\"2\""));
        assertEquals(1, Fixtures.count("select count(*) from content.lesson_versions where lesson_id = ?", id));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "draft, review, 200", "draft, published, 409", "draft, archived, 409",
            "review, published, 200", "review, draft, 200", "review, archived, 409",
            "published, archived, 200", "published, draft, 409", "published, review, 409",
            "archived, draft, 200", "archived, review, 409", "archived, published, 409" })
    void theWorkflowAllowsOnlyItsMoves(String from, String to, int status) {
        int id = Fixtures.lesson(owner, category);
        List<String> route = switch (from) {
            case "review" -> List.of("review");
            case "published" -> List.of("review", "published");
            case "archived" -> List.of("review", "published", "archived");
            default -> List.of();
        };
        route.forEach(s -> Fixtures.status(owner, id, s));
        given().auth().oauth2(owner.token()).contentType("application/json").body("{\"status\": \"" + to + "\"}")
                .post(path(id) + "/status").then().statusCode(status);
        given().auth().oauth2(owner.token()).get(path(id)).then().body("status", equalTo(status == 200 ? to : from));
    }

    @Test
    void onlyTheOwnerChangesALessonAndOwnerOrAdminDeletesIt() {
        int id = Fixtures.lesson(owner, category);
        Fixtures.publish(owner, id);
        given().auth().oauth2(colleague.token()).contentType("application/json").header("If-Match", "\"3\"")
                .body("{\"title\": \"Hijacked\"}").patch(path(id)).then().statusCode(403);
        given().auth().oauth2(colleague.token()).contentType("application/json").body("{\"status\": \"archived\"}")
                .post(path(id) + "/status").then().statusCode(403);
        given().auth().oauth2(colleague.token()).delete(path(id)).then().statusCode(403);
        given().auth().oauth2(admin.token()).delete(path(id)).then().statusCode(204);
        given().auth().oauth2(owner.token()).get(path(id)).then().statusCode(404);
        int own = Fixtures.lesson(owner, category);
        given().auth().oauth2(owner.token()).delete(path(own)).then().statusCode(204);
        assertEquals(0, Fixtures.count("select count(*) from content.lessons where id in (?, ?)", id, own));
    }

    @Test
    void everyChangeKeepsThePriorStateAndRestoreMakesANewVersion() {
        String original = Fixtures.unique("Original");
        int id = Fixtures.createLesson(owner, category, original, null).then().statusCode(201).extract().path("id");
        given().auth().oauth2(owner.token()).contentType("application/json").header("If-Match", "\"1\"")
                .body("{\"title\": \"Second\", \"content\": \"Rewritten.\"}").patch(path(id)).then().statusCode(200);
        Fixtures.status(owner, id, "review");

        // Every version, the current one included, each with the change that made it.
        String current = given().auth().oauth2(owner.token()).get(path(id)).then().extract().path("updatedAt");
        given().auth().oauth2(owner.token()).get(path(id) + "/versions").then().statusCode(200)
                .body("version", contains(3, 2, 1))
                .body("[0].changedFields", contains("status"))
                .body("[0].changedAt", equalTo(current))
                .body("[1].changedFields", contains("content", "title"))
                .body("[1].changedBy", equalTo(owner.id().toString()))
                .body("[2].changedFields", hasSize(0))
                .body("[2].changedBy", equalTo(owner.id().toString()));
        given().auth().oauth2(owner.token()).get(path(id) + "/versions/1").then().statusCode(200)
                .body("lesson.title", equalTo(original)).body("lesson.status", equalTo("draft"))
                .body("lesson.lessonData.equipment", hasItem("cones")).body("changedFields", hasSize(0));
        given().auth().oauth2(owner.token()).get(path(id) + "/versions/2").then().statusCode(200)
                .body("lesson.title", equalTo("Second")).body("changedFields", contains("content", "title"))
                .body("changedBy", equalTo(owner.id().toString()));
        given().auth().oauth2(owner.token()).get(path(id) + "/versions/3").then().statusCode(200)
                .body("lesson.title", equalTo("Second")).body("changedFields", contains("status"))
                .body("changedAt", equalTo(current));
        given().auth().oauth2(owner.token()).get(path(id) + "/versions/9").then().statusCode(404);

        given().auth().oauth2(owner.token()).post(path(id) + "/versions/1/restore").then().statusCode(428);
        given().auth().oauth2(owner.token()).header("If-Match", "\"2\"").post(path(id) + "/versions/1/restore")
                .then().statusCode(412);
        given().auth().oauth2(owner.token()).header("If-Match", "\"3\"").post(path(id) + "/versions/1/restore")
                .then().statusCode(200).header("ETag", equalTo("\"4\"")).body("title", equalTo(original))
                .body("content", equalTo("Students practise moving and stopping.")).body("status", equalTo("review"));
        given().auth().oauth2(owner.token()).get(path(id) + "/versions").then().body("version", contains(4, 3, 2, 1))
                .body("[0].changedFields", contains("content", "title"));
        // Restoring the version the lesson is at changes nothing and makes no new version.
        given().auth().oauth2(owner.token()).header("If-Match", "\"4\"").post(path(id) + "/versions/4/restore")
                .then().statusCode(200).header("ETag", equalTo("\"4\""));
        given().auth().oauth2(colleague.token()).get(path(id) + "/versions").then().statusCode(404);
        Fixtures.status(owner, id, "published");
        given().auth().oauth2(colleague.token()).get(path(id) + "/versions").then().statusCode(403);
        given().auth().oauth2(admin.token()).get(path(id) + "/versions").then().statusCode(200);
    }

    @Test
    void contentMayNotCarryMarkupOrScriptLinks() {
        for (String content : List.of("<script>alert(1)</script>", "Click [here](javascript:alert(1))",
                "<img src=x onerror=alert(1)>", "[x](DATA:text/html;base64,PHNjcmlwdD4=)")) {
            given().auth().oauth2(owner.token()).contentType("application/json")
                    .body(Fixtures.lessonBody(Fixtures.unique("Hostile"), category, null)
                            .replace("Students practise moving and stopping.", content.replace("\"", "\\\"")))
                    .post("/api/v1/lessons").then().statusCode(400).body("violations.field", hasItem("content"));
        }
        given().auth().oauth2(owner.token()).contentType("application/json")
                .body(Fixtures.lessonBody(Fixtures.unique("Markdown"), category, null)
                        .replace("Students practise moving and stopping.",
                                "**Warm up** for 5 < 10 minutes, then 3 > 2 laps. Heart-rate data: 120 bpm."
                                        + " See [the guide](https://example.org)."))
                .post("/api/v1/lessons").then().statusCode(201);
        assertEquals(0, Fixtures.count("select count(*) from content.lessons where content like '%alert%'"));
    }
}
