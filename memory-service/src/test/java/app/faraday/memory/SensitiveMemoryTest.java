package app.faraday.memory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A sensitive memory is stored sealed: checked below the service, as the server's administrator, in every
 * readable column of every table of the schema (audit rows included), while its owner still reads and
 * finds it.
 */
@QuarkusTest
class SensitiveMemoryTest {

    /** Everything the schema holds that mentions the word, as text. */
    private static List<String> mentions(String word) {
        return Fixtures.strings("select t from ("
                + " select table_name || ':' || changes::text as t from memory.audit_log"
                + " union all select 'memory:' || content || coalesce(context::text, '')"
                + "   || coalesce(sealed_context, '')"
                + "   || coalesce(search::text, '') || array_to_string(terms, ' ') from memory.user_memories"
                + " union all select 'interaction:' || coalesce(context::text, '') || coalesce(sealed_context, '')"
                + "   from memory.memory_interactions"
                + " union all select 'key:' || wrapped from memory.subject_keys) all_text"
                + " where lower(t) like ?", "%" + word + "%");
    }

    @Test
    void nothingOfASensitiveMemoryIsStoredReadableYetItsOwnerReadsAndFindsIt() {
        TestUser owner = TestUser.teacher();
        long id = Fixtures.memory(owner, "Carries an inhaler for exercise-induced asthma",
                "\"sensitive\": true, \"category\": \"health_habits\", \"context\": {\"source\": \"asthma plan\"}");
        given().auth().oauth2(owner.token()).contentType("application/json")
                .body("{\"type\": \"confirmed\", \"success\": true, \"context\": {\"note\": \"asthma flare in May\"}}")
                .post("/api/v1/memories/" + id + "/interactions").then().statusCode(201)
                .body("context.note", equalTo("asthma flare in May"));

        assertEquals(List.of(), mentions("asthma"));
        assertEquals(List.of(), mentions("inhaler"));
        List<String> stored = Fixtures.strings("select content from memory.user_memories where id = ?", id);
        assertTrue(stored.get(0).startsWith("v1:dk:"), stored.get(0));
        assertEquals(List.of("true"), Fixtures.strings("select (search is null and context is null"
                + " and sealed_context like 'v1:dk:%' and cardinality(terms) > 0)::text"
                + " from memory.user_memories where id = ?", id));

        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + id).then().statusCode(200)
                .body("content", equalTo("Carries an inhaler for exercise-induced asthma"))
                .body("context.source", equalTo("asthma plan")).body("sensitive", equalTo(true));
        given().auth().oauth2(owner.token()).get("/api/v1/memories/" + id + "/interactions").then()
                .body("items[0].context.note", equalTo("asthma flare in May"));
        for (String q : List.of("asthma", "INHALER", "inhalers asthma")) {
            given().auth().oauth2(owner.token()).queryParam("q", q).get("/api/v1/memories").then().statusCode(200)
                    .body("items.id", contains((int) id));
        }
        given().auth().oauth2(owner.token()).queryParam("q", "asthma").queryParam("sort", "relevance")
                .get("/api/v1/memories").then().body("items.id", contains((int) id));
        given().auth().oauth2(owner.token()).queryParam("q", "diabetes").get("/api/v1/memories").then()
                .body("total", equalTo(0));
        // Another teacher who writes the same words finds only their own.
        TestUser other = TestUser.teacher();
        long theirs = Fixtures.memory(other, "Asthma: carries an inhaler", "\"sensitive\": true");
        given().auth().oauth2(other.token()).queryParam("q", "asthma inhaler").get("/api/v1/memories").then()
                .body("items.id", contains((int) theirs));
        List<String> terms = Fixtures.strings("select array_to_string(terms, ' ') from memory.user_memories"
                + " where id in (?, ?) order by id", id, theirs);
        assertFalse(List.of(terms.get(1).split(" ")).stream().anyMatch(List.of(terms.get(0).split(" "))::contains),
                "equal words of two teachers hash apart");
    }

    @Test
    void aMemoryIsSealedAndUnsealedWhenItsSensitivityChanges() {
        TestUser owner = TestUser.teacher();
        long id = Fixtures.memory(owner, "Prefers morning classes because of a migraine condition", null);
        given().auth().oauth2(owner.token()).contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"sensitive\": true}").patch("/api/v1/memories/" + id).then().statusCode(200)
                .body("sensitive", equalTo(true))
                .body("content", equalTo("Prefers morning classes because of a migraine condition"));
        assertEquals(List.of("true"), Fixtures.strings("select (content like 'v1:dk:%' and search is null)::text"
                + " from memory.user_memories where id = ?", id));
        given().auth().oauth2(owner.token()).queryParam("q", "migraine").get("/api/v1/memories").then()
                .body("items.id", contains((int) id));
        given().auth().oauth2(owner.token()).contentType("application/merge-patch+json").header("If-Match", "\"2\"")
                .body("{\"sensitive\": false}").patch("/api/v1/memories/" + id).then().statusCode(200)
                .body("content", equalTo("Prefers morning classes because of a migraine condition"));
        assertEquals(List.of("Prefers morning classes because of a migraine condition"),
                Fixtures.strings("select content from memory.user_memories where id = ?", id));
    }
}
