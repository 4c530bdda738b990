package app.faraday.assistant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import app.faraday.kit.testing.BadInputContract;
import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bad input on every writing endpoint: a clear 4xx problem, and nothing changed in the database. The
 * cases every endpoint shares are service-kit's BadInputContract; these are assistant-service's own.
 */
@QuarkusTest
class BadInputTest extends BadInputContract {

    private final TestUser admin = TestUser.admin();
    private static int profile;
    private static int capability;

    @Override
    protected List<Endpoint> writingEndpoints() {
        if (profile == 0) {
            profile = Profiles.create(admin, null);
            capability = Profiles.capability(admin, profile, "contract");
        }
        String base = "/api/v1/assistant-profiles";
        String capabilityBody = "{\"name\": \"a_b\", \"version\": \"1.0.0\", \"parameters\": {}}";
        return List.of(
                Endpoint.json("POST", base, admin::token,
                        Profiles.body(Profiles.uniqueName("Contract"), Profiles.CONFIGURATION, null)),
                Endpoint.mergePatch(base + "/" + profile, admin::token, "{\"description\": \"changed\"}"),
                Endpoint.json("POST", base + "/" + profile + "/capabilities", admin::token, capabilityBody),
                Endpoint.mergePatch(base + "/" + profile + "/capabilities/" + capability, admin::token,
                        "{\"description\": \"changed\"}"));
    }

    @Override
    protected String state() {
        return rows("assistant_profiles") + " " + rows("assistant_capabilities") + " "
                + snapshot("assistant_profiles", profile)
                + snapshot("assistant_capabilities", capability);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "malformed JSON          | {\"name\": \"x\",                                   | 400",
            "not an object           | [1, 2]                                            | 400",
            "empty body              | ``                                                | 400",
            "name as number          | {\"name\": 5, \"modelVersion\": \"m\", \"configuration\": {}} | 400",
            "missing name            | {\"modelVersion\": \"m\", \"configuration\": {}}  | 400",
            "blank name              | {\"name\": \"  \", \"modelVersion\": \"m\", \"configuration\": {}} | 400",
            "padded name             | {\"name\": \" PE \", \"modelVersion\": \"m\", \"configuration\": {}} | 400",
            "missing configuration   | {\"name\": \"x\", \"modelVersion\": \"m\"}        | 400",
            "bad model version       | {\"name\": \"x\", \"modelVersion\": \"m; drop table x\""
                    + ", \"configuration\": {}} | 400",
            "unknown field           | {\"name\": \"x\", \"modelVersion\": \"m\", \"configuration\": {}"
                    + ", \"id\": 7} | 400",
            "duplicate key           | {\"name\": \"x\", \"name\": \"y\", \"modelVersion\": \"m\""
                    + ", \"configuration\": {}} | 400",
            "active as string        | {\"name\": \"x\", \"modelVersion\": \"m\", \"configuration\": {}"
                    + ", \"active\": \"yes\"} | 400",
            "quota zero              | {\"name\": \"x\", \"modelVersion\": \"m\", \"configuration\": {}"
                    + ", \"dailyQuota\": 0} | 400",
            "quota huge              | {\"name\": \"x\", \"modelVersion\": \"m\", \"configuration\": {}"
                    + ", \"dailyQuota\": 99999999999} | 400",
            "NUL in name             | {\"name\": \"x\\u0000\", \"modelVersion\": \"m\", \"configuration\": {}} | 400",
            "surrogate description   | {\"name\": \"x\", \"description\": \"\\ud800\", \"modelVersion\": \"m\""
                    + ", \"configuration\": {}} | 400",
            "NUL in system prompt    | {\"name\": \"x\", \"modelVersion\": \"m\""
                    + ", \"configuration\": {\"systemPrompt\": \"\\u0000\"}} | 400",
    })
    void createProfileRefusesBadInput(String label, String body, int status) {
        long before = rows("assistant_profiles");
        given().auth().oauth2(admin.token()).contentType("application/json").body(body)
                .post("/api/v1/assistant-profiles")
                .then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("requestId", notNullValue()).body("title", notNullValue());
        assertEquals(before, rows("assistant_profiles"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "<script>alert(1)</script>", "x'); drop table assistant.assistant_profiles; --" })
    void hostileStringsAreStoredAsPlainTextOrRefused(String hostile) {
        String json = hostile.replace("\"", "\\\"");
        int id = given().auth().oauth2(admin.token()).contentType("application/json")
                .body(Profiles.body(Profiles.uniqueName("Hostile"), Profiles.CONFIGURATION,
                        "\"description\": \"" + json + "\""))
                .post("/api/v1/assistant-profiles").then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin.token()).get("/api/v1/assistant-profiles/" + id)
                .then().statusCode(200).body("description", equalTo(hostile))
                .header("Content-Type", org.hamcrest.Matchers.startsWith("application/json"))
                .header("X-Content-Type-Options", "nosniff");
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body("{\"name\": \"" + json + "\", \"version\": \"1.0.0\", \"parameters\": {}}")
                .post("/api/v1/assistant-profiles/" + id + "/capabilities")
                .then().statusCode(400).body("violations.field", hasItem("name"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "malformed      | {\"active\":                       ",
            "array          | [{\"op\": \"replace\"}]            ",
            "wrong type     | {\"dailyQuota\": \"ten\"}         ",
            "unknown field  | {\"createdBy\": \"00000000-0000-0000-0000-000000000000\"} ",
            "config broken  | {\"configuration\": {\"topP\": 7}} ",
            "config scalar  | {\"configuration\": 7}            ",
            "null required  | {\"modelVersion\": null}          ",
            "null active    | {\"active\": null}                ",
            "NUL description | {\"description\": \"a\\u0000b\"} ",
            "NUL in config  | {\"configuration\": {\"style\": \"\\u0000\"}} ",
    })
    void patchProfileRefusesBadInputAndChangesNothing(String label, String body) {
        int id = Profiles.create(admin, null);
        String before = snapshot("assistant_profiles", id);
        given().auth().oauth2(admin.token()).contentType("application/merge-patch+json").body(body)
                .patch("/api/v1/assistant-profiles/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, snapshot("assistant_profiles", id));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "missing version   | {\"name\": \"a_b\", \"parameters\": {}}                            ",
            "missing params    | {\"name\": \"a_b\", \"version\": \"1.0.0\"}                        ",
            "version as number | {\"name\": \"a_b\", \"version\": 1, \"parameters\": {}}             ",
            "enabled as number | {\"name\": \"a_b\", \"version\": \"1.0.0\", \"parameters\": {}, \"enabled\": 1} ",
            "unknown field     | {\"name\": \"a_b\", \"version\": \"1.0.0\", \"parameters\": {}, \"profileId\": 1} ",
            "schema not object | {\"name\": \"a_b\", \"version\": \"1.0.0\", \"parameters\": {}"
                    + ", \"parametersSchema\": 5} ",
            "NUL in parameters | {\"name\": \"a_b\", \"version\": \"1.0.0\", \"parameters\": {\"tone\": \"\\u0000\"}} ",
            "NUL description   | {\"name\": \"a_b\", \"description\": \"\\u0000\", \"version\": \"1.0.0\""
                    + ", \"parameters\": {}} ",
    })
    void createCapabilityRefusesBadInput(String label, String body) {
        int profile = Profiles.create(admin, null);
        given().auth().oauth2(admin.token()).contentType("application/json").body(body)
                .post("/api/v1/assistant-profiles/" + profile + "/capabilities")
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(0, CapabilityApiTest.count(profile));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "{\"enabled\": null}", "{\"name\": \"Bad Name\"}", "{\"version\": \"one\"}",
            "{\"parameters\": []}", "{\"profileId\": 99}" })
    void patchCapabilityRefusesBadInputAndChangesNothing(String body) {
        int profile = Profiles.create(admin, null);
        int id = Profiles.capability(admin, profile, "steady");
        String before = snapshot("assistant_capabilities", id);
        given().auth().oauth2(admin.token()).contentType("application/json").body(body)
                .patch("/api/v1/assistant-profiles/" + profile + "/capabilities/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, snapshot("assistant_capabilities", id));
    }

    @org.junit.jupiter.api.Test
    void wrongContentTypeAndOversizedBodies() {
        long before = rows("assistant_profiles");
        given().auth().oauth2(admin.token()).contentType("text/plain").body("name=x")
                .post("/api/v1/assistant-profiles").then().statusCode(415).contentType("application/problem+json");
        String huge = "x".repeat(1_100_000);
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body(Profiles.body(Profiles.uniqueName("Huge"), "{\"systemPrompt\": \"" + huge + "\"}", null))
                .post("/api/v1/assistant-profiles").then().statusCode(413).contentType("application/problem+json");
        given().auth().oauth2(admin.token()).queryParam("size", 101).get("/api/v1/assistant-profiles")
                .then().statusCode(400).body("violations[0].field", equalTo("size"));
        given().auth().oauth2(admin.token()).queryParam("active", "maybe").get("/api/v1/assistant-profiles")
                .then().statusCode(400).body("violations[0].field", equalTo("active"));
        given().auth().oauth2(admin.token()).queryParam("page", -1).get("/api/v1/assistant-profiles")
                .then().statusCode(400);
        given().auth().oauth2(admin.token()).urlEncodingEnabled(false).get("/api/v1/assistant-profiles?active=%00")
                .then().statusCode(400).body("violations.field", hasItem("active"));
        assertEquals(before, rows("assistant_profiles"));
    }

    private static long rows(String table) {
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            return Sql.count(c, "select count(*) from assistant." + table);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String snapshot(String table, int id) {
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            return Sql.strings(c, "select to_jsonb(t)::text from assistant." + table + " t where id = ?", id).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
