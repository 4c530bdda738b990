package app.faraday.memory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import app.faraday.kit.testing.BadInputContract;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bad input on every writing endpoint: a clear 4xx problem, and nothing changed. The cases every endpoint
 * shares are service-kit's BadInputContract; these are memory-service's own.
 */
@QuarkusTest
class BadInputTest extends BadInputContract {

    private static TestUser owner;
    private static long memory;

    @Override
    protected List<Endpoint> writingEndpoints() {
        if (owner == null) {
            owner = TestUser.teacher();
            memory = Fixtures.memory(owner, "Teaches archery in the fall", null);
        }
        return List.of(
                Endpoint.json("POST", "/api/v1/memories", owner::token,
                        Fixtures.body(Fixtures.profile(), Fixtures.unique("Contract"), null)),
                Endpoint.mergePatch("/api/v1/memories/" + memory, owner::token, "{\"content\": \"Changed\"}"),
                Endpoint.json("POST", "/api/v1/memories/" + memory + "/interactions", owner::token,
                        "{\"type\": \"used\", \"success\": true, \"context\": {\"source\": \"planning\"}}"),
                Endpoint.json("POST", "/api/v1/memories/recall", owner::token,
                        "{\"assistantProfileId\": 1, \"query\": \"how to open a class\"}"));
    }

    @Override
    protected String state() {
        return Fixtures.count("select count(*) from memory.user_memories") + " "
                + Fixtures.count("select count(*) from memory.memory_interactions") + " "
                + Fixtures.strings("select row_to_json(m)::text from memory.user_memories m where id = ?", memory)
                + Fixtures.strings("select row_to_json(s)::text from memory.memory_stats s where memory_id = ?",
                        memory);
    }

    private static String state(TestUser who) {
        return Fixtures.count("select count(*) from memory.user_memories where user_id = ?", who.id()) + " "
                + Fixtures.strings("select row_to_json(m)::text from memory.user_memories m where user_id = ?"
                        + " order by id", who.id());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "no query         | `{\"assistantProfileId\": 1}`                                   | query",
        "blank query      | `{\"assistantProfileId\": 1, \"query\": \"  \"}`              | query",
        "no profile       | `{\"query\": \"warm-ups\"}`                                    | assistantProfileId",
        "profile zero     | `{\"assistantProfileId\": 0, \"query\": \"warm-ups\"}`        | assistantProfileId",
        "limit zero       | `{\"assistantProfileId\": 1, \"query\": \"a\", \"limit\": 0}` | limit",
        "limit 51         | `{\"assistantProfileId\": 1, \"query\": \"a\", \"limit\": 51}` | limit",
        "unknown category | `{\"assistantProfileId\": 1, \"query\": \"a\", \"categories\": [\"astrology\"]}` | categories",
        "unknown field    | `{\"assistantProfileId\": 1, \"query\": \"a\", \"userId\": \"x\"}` | userId",
    })
    void recallRefusesBadInput(String label, String body, String violation) {
        TestUser teacher = TestUser.teacher();
        problem(given().auth().oauth2(teacher.token()).contentType("application/json").body(body)
                .post("/api/v1/memories/recall").then(), 400).body("violations.field", hasItem(startsWith(violation)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "importance 7          | \"importance\": 7                         | importance",
        "importance negative   | \"importance\": -0.1                      | importance",
        "importance as text    | \"importance\": \"high\"                  | importance",
        "unknown category      | \"category\": \"astrology\"               | category",
        "category as number    | \"category\": 3                           | category",
        "profile zero          | \"assistantProfileId\": 0                 | assistantProfileId",
        "profile as text       | \"assistantProfileId\": \"one\"           | assistantProfileId",
        "expiry in the past    | \"expiresAt\": \"2001-01-01T00:00:00Z\"   | expiresAt",
        "expiry not a time     | \"expiresAt\": \"next week\"              | expiresAt",
        "sensitive as text     | \"sensitive\": \"yes\"                    | sensitive",
        "context not an object | \"context\": [1]                          | context",
        "context bad grade     | \"context\": {\"gradeLevel\": \"13\"}     | context",
        "context bad key       | \"context\": {\"9lives\": 1}              | context",
        "context nested object | \"context\": {\"deep\": {\"a\": 1}}       | context",
        "context NUL           | \"context\": {\"source\": \"a\\u0000\"}  | context",
        "unknown field         | \"userId\": \"00000000-0000-0000-0000-000000000000\" | userId",
        "owner's version       | \"version\": 3                            | version",
    })
    void createRefusesBadInput(String label, String field, String violation) {
        TestUser teacher = TestUser.teacher();
        String body = Fixtures.body(Fixtures.profile(), Fixtures.unique("Bad"), field);
        problem(given().auth().oauth2(teacher.token()).contentType("application/json").body(body)
                .post("/api/v1/memories").then(), 400).body("violations.field", hasItem(startsWith(violation)));
        assertEquals("0 []", state(teacher));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "blank content  | `{\"assistantProfileId\": 1, \"content\": \"   \", \"importance\": 0.5,"
                + " \"category\": \"goals\"}` | content",
        "no content           | `{\"assistantProfileId\": 1, \"importance\": 0.5, \"category\": \"goals\"}` | content",
        "NUL content    | `{\"assistantProfileId\": 1, \"content\": \"a\\u0000b\", \"importance\": 0.5,"
                + " \"category\": \"goals\"}` | content",
        "no importance  | `{\"assistantProfileId\": 1, \"content\": \"x\", \"category\": \"goals\"}` | importance",
    })
    void createRefusesMissingOrBrokenFields(String label, String body, String violation) {
        TestUser teacher = TestUser.teacher();
        problem(given().auth().oauth2(teacher.token()).contentType("application/json").body(body)
                .post("/api/v1/memories").then(), 400).body("violations.field", hasItem(startsWith(violation)));
        assertEquals("0 []", state(teacher));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "importance 7       | {\"importance\": 7}                  | importance",
        "unknown category   | {\"category\": \"astrology\"}        | category",
        "move profile       | {\"assistantProfileId\": 2}          | assistantProfileId",
        "null content       | {\"content\": null}                  | content",
        "null sensitive     | {\"sensitive\": null}                | sensitive",
        "expiry in the past | {\"expiresAt\": \"2001-01-01T00:00:00Z\"} | expiresAt",
        "huge content       | HUGE                                 | content",
    })
    void patchRefusesBadInput(String label, String patch, String violation) {
        String before = state(owner());
        String body = patch.equals("HUGE") ? "{\"content\": \"" + "x".repeat(10_001) + "\"}" : patch;
        problem(given().auth().oauth2(owner().token()).contentType("application/merge-patch+json")
                .header("If-Match", "\"1\"").body(body).patch("/api/v1/memories/" + memory).then(), 400)
                .body("violations.field", hasItem(startsWith(violation)));
        assertEquals(before, state(owner()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "unknown type     | {\"type\": \"liked\", \"success\": true}          | type",
        "service's type   | {\"type\": \"created\", \"success\": true}        | type",
        "no success       | {\"type\": \"used\"}                              | success",
        "success as text  | {\"type\": \"used\", \"success\": \"yes\"}        | success",
        "context a list   | {\"type\": \"used\", \"success\": true, \"context\": [\"a\"]} | context",
    })
    void interactionsRefuseBadInput(String label, String body, String violation) {
        String before = Fixtures.count("select count(*) from memory.memory_interactions where memory_id = ?",
                memoryOf()) + "";
        problem(given().auth().oauth2(owner().token()).contentType("application/json").body(body)
                .post("/api/v1/memories/" + memory + "/interactions").then(), 400)
                .body("violations.field", hasItem(startsWith(violation)));
        assertEquals(before, Fixtures.count("select count(*) from memory.memory_interactions where memory_id = ?",
                memoryOf()) + "");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "sort=oldest             | sort",
        "size=0                  | size",
        "size=101                | size",
        "page=-1                 | page",
        "page=x                  | ",
        "assistantProfileId=abc  | ",
        "category=Not_A_Category | category",
        "page=500&size=100       | page",
    })
    void listRefusesBadParameters(String query, String violation) {
        var response = problem(given().auth().oauth2(owner().token()).get("/api/v1/memories?" + query).then(), 400);
        if (violation != null) {
            response.body("violations.field", hasItem(startsWith(violation)));
        }
    }

    private TestUser owner() {
        writingEndpoints();
        return owner;
    }

    private long memoryOf() {
        writingEndpoints();
        return memory;
    }
}
