package app.faraday.content;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.kit.testing.TestUser;
import io.restassured.response.Response;

/** Categories and lessons for tests, made through the real API with real signed tokens. */
final class Fixtures {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    static final String LESSON_DATA = """
            {"objectives": ["Move safely in general space"],
             "activities": [{"name": "Cone maze", "minutes": 15, "grouping": "small-groups"},
                            {"name": "Freeze tag", "minutes": 10}],
             "equipment": ["cones", "bean bags"], "safetyNotes": ["Keep a body-length apart"],
             "assessment": {"method": "observation", "criteria": ["Stops on the signal"]}, "durationMinutes": 25}""";

    private Fixtures() {
    }

    static String unique(String prefix) {
        return prefix + " " + COUNTER.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    static int category(TestUser admin, String name, Integer parentId) {
        return given().auth().oauth2(admin.token()).contentType("application/json")
                .body("{\"name\": \"" + name + "\"" + (parentId == null ? "" : ", \"parentId\": " + parentId) + "}")
                .post("/api/v1/subject-categories").then().statusCode(201).extract().path("id");
    }

    static int category(TestUser admin) {
        return category(admin, unique("Category"), null);
    }

    static String lessonBody(String title, int categoryId, String extra) {
        return "{\"title\": \"" + title + "\", \"content\": \"Students practise moving and stopping.\","
                + " \"subjectCategoryId\": " + categoryId + ", \"gradeLevel\": \"K\", \"week\": 3,"
                + " \"contentArea\": \"Fundamental Movement\", \"lessonData\": " + LESSON_DATA
                + (extra == null ? "" : ", " + extra) + "}";
    }

    static Response createLesson(TestUser owner, int categoryId, String title, String extra) {
        return given().auth().oauth2(owner.token()).contentType("application/json")
                .body(lessonBody(title, categoryId, extra)).post("/api/v1/lessons");
    }

    static int lesson(TestUser owner, int categoryId) {
        return createLesson(owner, categoryId, unique("Lesson"), null).then().statusCode(201).extract().path("id");
    }

    static void status(TestUser owner, int lessonId, String status) {
        given().auth().oauth2(owner.token()).contentType("application/json").body("{\"status\": \"" + status + "\"}")
                .post("/api/v1/lessons/" + lessonId + "/status").then().statusCode(200);
    }

    static void publish(TestUser owner, int lessonId) {
        status(owner, lessonId, "review");
        status(owner, lessonId, "published");
    }

    /** Counted below the service, as the server's administrator. */
    static long count(String sql, Object... params) {
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            return Sql.count(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
