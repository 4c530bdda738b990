package app.faraday.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.TestDatabase;
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

    /**
     * 1,010 matches: a list counts up to 1,000 and says the total is a lower bound; a search ranks only its 200
     * newest matches (an older lesson with the word in its title does not jump ahead of them), counts up to 200,
     * and still pages through every match exactly once, the rest newest first.
     */
    @Test
    void broadListsAndSearchesCountAndRankABoundedWindowAndStillReachEveryMatch() throws Exception {
        String word = "zq" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
        try (Connection c = TestDatabase.get().connectAsAdmin(); Statement st = c.createStatement()) {
            // A fixture: row triggers (audit, versions) are skipped for the bulk insert. Lesson i is i minutes old;
            // the word is in the content of every lesson, and in the title of lessons 150 and 1,000 only.
            st.execute("set session_replication_role = replica");
            st.execute("""
                    insert into content.lessons (user_id, subject_category_id, title, content, grade_level, week,
                        school_year, content_area, status, updated_at)
                    select '%s', %d, 'Lesson ' || i || case when i in (150, 1000) then ' %s' else '' end,
                        'Practise the %s drill.', '4', 1, '2026-2027', 'Fitness', 'draft',
                        now() - (i || ' minutes')::interval
                    from generate_series(1, 1010) i
                    """.formatted(owner.id(), category, word, word));
            st.execute("set session_replication_role = origin");
            st.execute("analyze content.lessons");
        }
        try {
            given().auth().oauth2(owner.token()).queryParam("subjectCategoryId", category).get("/api/v1/lessons")
                    .then().statusCode(200).body("total", equalTo(1000)).body("totalExact", equalTo(false));

            given().auth().oauth2(owner.token()).queryParam("q", word).get("/api/v1/lessons").then().statusCode(200)
                    .body("total", equalTo(200)).body("totalExact", equalTo(false))
                    .body("items[0].title", equalTo("Lesson 150 " + word))
                    .body("items[1].title", equalTo("Lesson 1"));

            Set<String> seen = new LinkedHashSet<>();
            List<String> order = new ArrayList<>();
            for (int page = 0; page < 11; page++) {
                List<String> titles = given().auth().oauth2(owner.token()).queryParam("q", word)
                        .queryParam("size", 100).queryParam("page", page).get("/api/v1/lessons").then()
                        .statusCode(200).body("total", equalTo(200)).extract().path("items.title");
                order.addAll(titles);
                seen.addAll(titles);
            }
            assertEquals(1010, order.size());
            assertEquals(1010, seen.size(), "no lesson on two pages");
            // Past the ranked 200, newest first: lesson 1,000's title does not lift it out of its place.
            assertEquals("Lesson 201", order.get(200));
            assertEquals("Lesson 1000 " + word, order.get(999));
        } finally {
            try (Connection c = TestDatabase.get().connectAsAdmin(); Statement st = c.createStatement()) {
                st.execute("set session_replication_role = replica");
                st.execute("delete from content.lessons where subject_category_id = " + category);
            }
        }
    }
}
