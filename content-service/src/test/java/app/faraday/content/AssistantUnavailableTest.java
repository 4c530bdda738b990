package app.faraday.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** With assistant-service unreachable (this module's default test address has nothing behind it). */
@QuarkusTest
class AssistantUnavailableTest {

    @Test
    void namingAProfileIsA503QuicklyAndChangesNothing() {
        TestUser admin = TestUser.admin();
        TestUser owner = TestUser.teacher();
        int category = Fixtures.category(admin);
        String title = Fixtures.unique("Needs a coach");
        Fixtures.createLesson(owner, category, title, "\"assistantProfileId\": 1").then()
                .statusCode(503).contentType("application/problem+json")
                .header("Retry-After", equalTo("10"))
                .body("detail", containsString("assistant-service"))
                .time(lessThan(8L), TimeUnit.SECONDS);
        assertEquals(0, Fixtures.count("select count(*) from content.lessons where title = ?", title));
        // Without a profile, lessons are written as usual.
        Fixtures.createLesson(owner, category, Fixtures.unique("No coach"), null).then().statusCode(201);
        int id = Fixtures.lesson(owner, category);
        given().auth().oauth2(owner.token()).contentType("application/json").header("If-Match", "\"1\"")
                .body("{\"assistantProfileId\": 2}").patch("/api/v1/lessons/" + id).then().statusCode(503);
        given().auth().oauth2(owner.token()).get("/api/v1/lessons/" + id).then().body("version", equalTo(1));
    }
}
