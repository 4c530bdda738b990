package app.faraday.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import app.faraday.kit.testing.BadInputContract;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bad input on every writing endpoint: a clear 4xx problem, and nothing changed in the database. The
 * cases every endpoint shares are service-kit's BadInputContract; these are content-service's own.
 */
@QuarkusTest
class BadInputTest extends BadInputContract {

    private final TestUser admin = TestUser.admin();
    private final TestUser owner = TestUser.teacher();
    private int category;

    private static TestUser contractOwner;
    private static int contractCategory;
    private static int contractLesson;

    @BeforeEach
    void category() {
        category = Fixtures.category(admin);
    }

    @Override
    protected List<Endpoint> writingEndpoints() {
        if (contractOwner == null) {
            contractOwner = TestUser.teacher();
            contractCategory = Fixtures.category(admin);
            contractLesson = Fixtures.lesson(contractOwner, contractCategory);
        }
        String lesson = "/api/v1/lessons/" + contractLesson;
        String body = Fixtures.lessonBody(Fixtures.unique("Contract"), contractCategory, null);
        return List.of(
                Endpoint.json("POST", "/api/v1/lessons", contractOwner::token, body),
                Endpoint.json("PUT", lesson, contractOwner::token, body),
                Endpoint.mergePatch(lesson, contractOwner::token, "{\"title\": \"Changed\"}"),
                Endpoint.json("POST", lesson + "/status", contractOwner::token, "{\"status\": \"review\"}"),
                Endpoint.json("POST", "/api/v1/subject-categories", admin::token,
                        "{\"name\": \"" + Fixtures.unique("Contract") + "\"}"),
                Endpoint.mergePatch("/api/v1/subject-categories/" + contractCategory, admin::token,
                        "{\"description\": \"Changed\"}"));
    }

    @Override
    protected String state() {
        return Fixtures.count("select count(*) from content.lessons") + " "
                + Fixtures.count("select count(*) from content.lesson_versions") + " "
                + Fixtures.count("select count(*) from content.subject_categories") + " "
                + given().auth().oauth2(contractOwner.token()).get("/api/v1/lessons/" + contractLesson).asString()
                + given().auth().oauth2(admin.token()).get("/api/v1/subject-categories/" + contractCategory).asString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "grade 13            | \"gradeLevel\": \"K\"           | \"gradeLevel\": \"13\"             | gradeLevel",
            "grade as number     | \"gradeLevel\": \"K\"           | \"gradeLevel\": 3                  | gradeLevel",
            "week 0              | \"week\": 3                     | \"week\": 0                        | week",
            "week 54             | \"week\": 3                     | \"week\": 54                       | week",
            "week as text        | \"week\": 3                     | \"week\": \"three\"                | week",
            "no category         | \"subjectCategoryId\": CAT      | \"subjectCategoryId\": 99999999    "
                    + "| subjectCategoryId",
            "blank title         | \"title\": \"TITLE\"            | \"title\": \"   \"                 | title",
            "bad school year     | \"week\": 3                     | \"week\": 3, \"schoolYear\": \"2026-2028\" "
                    + "| schoolYear",
            "school year format  | \"week\": 3                     | \"week\": 3, \"schoolYear\": \"26/27\"     "
                    + "| schoolYear",
            "no objectives       | \"objectives\": [\"Move safely in general space\"] | \"objectives\": []   "
                    + "| lessonData.objectives",
            "negative minutes    | \"minutes\": 15                 | \"minutes\": -5                    "
                    + "| lessonData.activities[0].minutes",
            "unknown data key    | \"durationMinutes\": 25         | \"durationMinutes\": 25, \"price\": 3 "
                    + "| lessonData",
            "unknown field       | \"week\": 3                     | \"week\": 3, \"status\": \"published\" | status",
            "profile zero        | \"week\": 3                     | \"week\": 3, \"assistantProfileId\": 0 "
                    + "| assistantProfileId",
            "NUL in title        | \"title\": \"TITLE\"            | \"title\": \"TITLE\\u0000\"      | title",
            "NUL in content      | moving and stopping.           | moving\\u0000 and stopping.       | content",
            "surrogate in area   | Fundamental Movement           | Fundamental \\ud800Movement       | contentArea",
            "NUL in lesson data  | Move safely in general space   | Move safely\\u0000                | lessonData",
            "NUL in data key     | \"durationMinutes\": 25         | \"durationMinutes\": 25, \"x\\u0000\": 1 "
                    + "| lessonData",
    })
    void createRefusesBadInput(String label, String replace, String with, String field) {
        String title = Fixtures.unique("Bad");
        String body = Fixtures.lessonBody(title, category, null).replace(replace
                .replace("CAT", String.valueOf(category))
                .replace("TITLE", title), with);
        given().auth().oauth2(owner.token()).contentType("application/json").body(body).post("/api/v1/lessons")
                .then().statusCode(400).contentType("application/problem+json").body("requestId", notNullValue())
                .body("violations.field", hasItem(startsWith(field)));
        assertEquals(0, Fixtures.count("select count(*) from content.lessons where user_id = ?", owner.id()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "malformed     | {\"title\":          ",
            "array         | [1]                  ",
            "null title    | {\"title\": null}    ",
            "bad data      | {\"lessonData\": {\"activities\": [{\"name\": \"x\"}]}} ",
            "owner change  | {\"userId\": \"00000000-0000-0000-0000-000000000000\"} ",
            "version field | {\"version\": 9}     ",
            "NUL title     | {\"title\": \"a\\u0000\"} ",
            "NUL in data   | {\"lessonData\": {\"safetyNotes\": [\"\\u0000\"]}} ",
            "NUL data key  | {\"lessonData\": {\"\\u0000\": 1}} ",
    })
    void patchRefusesBadInputAndChangesNothing(String label, String body) {
        int id = Fixtures.lesson(owner, category);
        given().auth().oauth2(owner.token()).contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body(body).patch("/api/v1/lessons/" + id).then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(owner.token()).get("/api/v1/lessons/" + id).then().body("version", equalTo(1));
        assertEquals(0, Fixtures.count("select count(*) from content.lesson_versions where lesson_id = ?", id));
    }

    @Test
    void otherEndpointsRefuseBadInput() {
        int id = Fixtures.lesson(owner, category);
        given().auth().oauth2(owner.token()).contentType("application/json").body("{\"status\": \"deleted\"}")
                .post("/api/v1/lessons/" + id + "/status").then().statusCode(400)
                .body("violations[0].field", equalTo("status"));
        given().auth().oauth2(owner.token()).contentType("application/json").body("{}")
                .post("/api/v1/lessons/" + id + "/status").then().statusCode(400);
        given().auth().oauth2(owner.token()).queryParam("gradeLevel", "13").get("/api/v1/lessons").then()
                .statusCode(400);
        given().auth().oauth2(owner.token()).queryParam("week", "x").get("/api/v1/lessons").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("whole number"));
        given().auth().oauth2(owner.token()).queryParam("page", "1e3").get("/api/v1/lessons").then().statusCode(400);
        given().auth().oauth2(owner.token()).queryParam("page", 100).queryParam("size", 100)
                .get("/api/v1/lessons").then()
                .statusCode(400).body("violations[0].field", equalTo("page"));
        given().auth().oauth2(owner.token()).queryParam("page", 99).queryParam("size", 100)
                .get("/api/v1/lessons").then()
                .statusCode(200);
        given().auth().oauth2(owner.token()).queryParam("q", "x".repeat(201)).get("/api/v1/lessons").then()
                .statusCode(400);
        given().auth().oauth2(owner.token()).queryParam("q", "&|!:*()'\"<>").get("/api/v1/lessons").then()
                .statusCode(200);
        given().auth().oauth2(owner.token()).contentType("text/plain").body("title=x").post("/api/v1/lessons")
                .then().statusCode(415);
        given().auth().oauth2(owner.token()).contentType("application/json")
                .body(Fixtures.lessonBody(Fixtures.unique("Huge"), category, null).replace(
                        "Students practise moving and stopping.",
                        "x".repeat(1_100_000)))
                .post("/api/v1/lessons").then().statusCode(413);
        given().auth().oauth2(admin.token()).contentType("application/json").body("{\"name\": \"\"}")
                .post("/api/v1/subject-categories").then().statusCode(400);
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body("{\"name\": \"X\", \"parentId\": \"one\"}")
                .post("/api/v1/subject-categories").then().statusCode(400)
                .body("violations[0].field", equalTo("parentId"));
        given().auth().oauth2(admin.token()).contentType("application/json").body("{\"path\": [1]}")
                .patch("/api/v1/subject-categories/" + category).then().statusCode(400);
        given().auth().oauth2(owner.token()).get("/api/v1/lessons/" + id).then().body("version", equalTo(1))
                .body("status", equalTo("draft"));
    }

    @Test
    void textThatCannotBeStoredIsA400NamingTheField() {
        for (String q : new String[] { "%00", "drib%00bling" }) {
            given().auth().oauth2(owner.token()).urlEncodingEnabled(false).get("/api/v1/lessons?q=" + q).then()
                    .statusCode(400)
                    .contentType("application/problem+json").body("violations.field", hasItem("q"));
        }
        given().auth().oauth2(owner.token()).urlEncodingEnabled(false)
                .get("/api/v1/subject-categories?parentId=%00").then()
                .statusCode(400).body("violations.field", hasItem("parentId"));
        long categories = Fixtures.count("select count(*) from content.subject_categories");
        given().auth().oauth2(admin.token()).contentType("application/json").body("{\"name\": \"Aquatics\\u0000\"}")
                .post("/api/v1/subject-categories").then().statusCode(400).body("violations.field", hasItem("name"));
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body("{\"name\": \"" + Fixtures.unique("Aquatics") + "\", \"metadata\": {\"icon\": \"\\u0000\"}}")
                .post("/api/v1/subject-categories").then().statusCode(400)
                .body("violations.field", hasItem("metadata"));
        given().auth().oauth2(admin.token()).contentType("application/json").body("{\"description\": \"\\ud800\"}")
                .patch("/api/v1/subject-categories/" + category).then().statusCode(400)
                .body("violations.field", hasItem("description"));
        assertEquals(categories, Fixtures.count("select count(*) from content.subject_categories"));
    }
}
