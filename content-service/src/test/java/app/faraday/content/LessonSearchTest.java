package app.faraday.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LessonSearchTest {

    private final TestUser admin = TestUser.admin();
    private final TestUser owner = TestUser.teacher();
    private final TestUser colleague = TestUser.teacher();
    private int category;

    @BeforeEach
    void category() {
        category = Fixtures.category(admin);
    }

    @Test
    void wordsAreFoundInTitleContentAndLessonData() {
        String word = "zq" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
        int inTitle = Fixtures.createLesson(owner, category, "Relay races " + word, null).then().statusCode(201)
                .extract().path("id");
        int inContent = Fixtures.createLesson(owner, category, Fixtures.unique("Plain"), null).then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(owner.token()).contentType("application/json").header("If-Match", "\"1\"")
                .body("{\"content\": \"Teams practise the " + word + " handoff.\"}")
                .patch("/api/v1/lessons/" + inContent)
                .then().statusCode(200);
        int inData = Fixtures.createLesson(owner, category, Fixtures.unique("Data"), null).then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(owner.token()).contentType("application/json").header("If-Match", "\"1\"")
                .body("{\"lessonData\": {\"equipment\": [\"" + word + " mats\"]}}").patch("/api/v1/lessons/" + inData)
                .then().statusCode(200);
        Fixtures.lesson(owner, category);

        given().auth().oauth2(owner.token()).queryParam("q", word).get("/api/v1/lessons").then().statusCode(200)
                .body("total", equalTo(3)).body("items.id", contains(inTitle, inContent, inData));
        // Teachers search only what they may read: the drafts stay hidden from a colleague.
        given().auth().oauth2(colleague.token()).queryParam("q", word).get("/api/v1/lessons").then()
                .body("total", equalTo(0));
        Fixtures.publish(owner, inContent);
        given().auth().oauth2(colleague.token()).queryParam("q", word).get("/api/v1/lessons").then()
                .body("items.id", contains(inContent));
        given().auth().oauth2(owner.token()).queryParam("q", word + " -relay").get("/api/v1/lessons").then()
                .body("items.id", containsInAnyOrder(inContent, inData));
    }

    @Test
    void filtersCombineAndPage() {
        int week5 = Fixtures.createLesson(owner, category, Fixtures.unique("Week five"), null).then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(owner.token()).contentType("application/json").header("If-Match", "\"1\"")
                .body("{\"week\": 5, \"gradeLevel\": \"4\"}").patch("/api/v1/lessons/" + week5).then().statusCode(200);
        int published = Fixtures.lesson(owner, category);
        Fixtures.publish(owner, published);
        Fixtures.lesson(owner, category);

        String path = "/api/v1/lessons";
        given().auth().oauth2(owner.token()).queryParam("subjectCategoryId", category).get(path).then()
                .body("total", equalTo(3));
        given().auth().oauth2(owner.token()).queryParam("subjectCategoryId", category).queryParam("week", 5)
                .queryParam("gradeLevel", "4").get(path).then().body("items.id", contains(week5));
        given().auth().oauth2(owner.token()).queryParam("subjectCategoryId", category).queryParam("status", "published")
                .get(path).then().body("items.id", contains(published));
        given().auth().oauth2(owner.token()).queryParam("subjectCategoryId", category).queryParam("size", 2)
                .queryParam("page", 1).get(path).then().body("items", hasSize(1)).body("total", equalTo(3))
                .body("page", equalTo(1)).body("size", equalTo(2));
    }
}
