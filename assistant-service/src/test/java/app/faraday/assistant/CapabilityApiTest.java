package app.faraday.assistant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CapabilityApiTest {

    static final String DIFFICULTY_SCHEMA = """
            {"type": "object", "additionalProperties": false, "required": ["difficulty"],
             "properties": {"difficulty": {"type": "string", "enum": ["beginner", "intermediate", "advanced"]}}}""";

    private final TestUser admin = TestUser.admin();
    private final TestUser teacher = TestUser.teacher();

    private static String capability(String name, String version, String parameters, String schema) {
        return "{\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"parameters\": " + parameters
                + (schema == null ? "" : ", \"parametersSchema\": " + schema) + "}";
    }

    private io.restassured.response.ValidatableResponse post(int profileId, String body) {
        return given().auth().oauth2(admin.token()).contentType("application/json").body(body)
                .post("/api/v1/assistant-profiles/" + profileId + "/capabilities").then();
    }

    @Test
    void parametersMustMatchTheDeclaredSchema() {
        int profile = Profiles.create(admin, null);
        post(profile, capability("exercise_planning", "1.0.0", "{\"difficulty\": \"advanced\"}", DIFFICULTY_SCHEMA))
                .statusCode(201)
                .header("Location", containsString("/capabilities/"))
                .body("profileId", equalTo(profile))
                .body("parameters.difficulty", equalTo("advanced"))
                .body("parametersSchema.required", contains("difficulty"))
                .body("enabled", equalTo(true));
        post(profile, capability("planning_two", "1.0.0", "{\"difficulty\": \"expert\"}", DIFFICULTY_SCHEMA))
                .statusCode(400).body("violations.field", hasItem("parameters.difficulty"));
        post(profile, capability("planning_three", "1.0.0", "{}", DIFFICULTY_SCHEMA))
                .statusCode(400).body("violations.field", hasItem("parameters.difficulty"));
        post(profile, capability("planning_four", "1.0.0", "{\"difficulty\": \"beginner\", \"extra\": 1}",
                DIFFICULTY_SCHEMA))
                .statusCode(400).body("violations.field", hasItem(startsWith("parameters")));
        post(profile, capability("planning_five", "1.0.0", "[1, 2]", null))
                .statusCode(400).body("violations.field", hasItem("parameters"));
        assertEquals(1, count(profile));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"http://169.254.169.254/latest\"}}}",
            "{\"$ref\": \"https://example.org/schema.json\", \"type\": \"object\", \"properties\": {}}",
            "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\", \"pattern\": \"^(a+)+$\"}}}",
            "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"object\"}}}",
            "{\"type\": \"array\", \"properties\": {}}",
            "{\"type\": \"object\"}",
            "{\"type\": \"object\", \"properties\": {\"Bad-Name\": {\"type\": \"string\"}}}",
            "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"array\","
                    + " \"items\": {\"type\": \"array\"}}}}" })
    void declaredSchemasStayWithinTheSafeSubset(String schema) {
        int profile = Profiles.create(admin, null);
        post(profile, capability("risky", "1.0.0", "{}", schema))
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(startsWith("parametersSchema")));
        assertEquals(0, count(profile));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "1.0", "01.0.0", "v1.0.0", "1.0.0-", "1.0.0+", "1.0.0-01", " 1.0.0", "1.2.3.4", "" })
    void versionsAreSemantic(String version) {
        int profile = Profiles.create(admin, null);
        post(profile, capability("versioned", version, "{}", null))
                .statusCode(400).body("violations.field", hasItem("version"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "0.0.1", "1.10.100", "2.0.0-rc.1", "1.0.0-alpha+001", "1.0.0+20261127.sha.5114f85" })
    void semanticVersionsAreAccepted(String version) {
        int profile = Profiles.create(admin, null);
        post(profile, capability("versioned", version, "{}", null)).statusCode(201).body("version", equalTo(version));
    }

    @Test
    void namesAreUniqueWithinAProfileOnly() {
        int first = Profiles.create(admin, null);
        int second = Profiles.create(admin, null);
        Profiles.capability(admin, first, "safety_guidance");
        post(first, capability("safety_guidance", "2.0.0", "{}", null)).statusCode(409)
                .body("detail", containsString("safety_guidance"));
        Profiles.capability(admin, second, "safety_guidance");
        post(first, capability("Safety Guidance", "1.0.0", "{}", null)).statusCode(400)
                .body("violations.field", hasItem("name"));
    }

    @Test
    void teachersSeeEnabledCapabilitiesOfActiveProfilesAndWriteNothing() {
        int profile = Profiles.create(admin, null);
        Profiles.capability(admin, profile, "visible_one");
        int hidden = Profiles.capability(admin, profile, "hidden_one");
        given().auth().oauth2(admin.token()).contentType("application/json").body("{\"enabled\": false}")
                .patch("/api/v1/assistant-profiles/" + profile + "/capabilities/" + hidden).then().statusCode(200)
                .body("enabled", equalTo(false));

        given().auth().oauth2(teacher.token()).get("/api/v1/assistant-profiles/" + profile + "/capabilities")
                .then().statusCode(200).body("items.name", contains("visible_one")).body("total", equalTo(1));
        given().auth().oauth2(teacher.token()).get("/api/v1/assistant-profiles/" + profile + "/capabilities/" + hidden)
                .then().statusCode(404);
        given().auth().oauth2(admin.token()).get("/api/v1/assistant-profiles/" + profile + "/capabilities")
                .then().statusCode(200).body("items.name", contains("hidden_one", "visible_one"));
        given().auth().oauth2(teacher.token()).contentType("application/json")
                .body(capability("teacher_made", "1.0.0", "{}", null))
                .post("/api/v1/assistant-profiles/" + profile + "/capabilities").then().statusCode(403);
        given().auth().oauth2(teacher.token())
                .delete("/api/v1/assistant-profiles/" + profile + "/capabilities/" + hidden)
                .then().statusCode(403);

        given().auth().oauth2(admin.token()).contentType("application/json").body("{\"active\": false}")
                .patch("/api/v1/assistant-profiles/" + profile).then().statusCode(200);
        given().auth().oauth2(teacher.token()).get("/api/v1/assistant-profiles/" + profile + "/capabilities")
                .then().statusCode(404);
    }

    @Test
    void aPatchedSchemaMustStillFitTheParameters() {
        int profile = Profiles.create(admin, null);
        int id = given().auth().oauth2(admin.token()).contentType("application/json")
                .body(capability("exercise_planning", "1.0.0", "{\"difficulty\": \"beginner\"}", DIFFICULTY_SCHEMA))
                .post("/api/v1/assistant-profiles/" + profile + "/capabilities").then().statusCode(201)
                .extract().path("id");
        String path = "/api/v1/assistant-profiles/" + profile + "/capabilities/" + id;
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body("{\"parametersSchema\": {\"properties\": {\"difficulty\": {\"enum\": [\"advanced\"]}}}}")
                .patch(path).then().statusCode(400).body("violations.field", hasItem("parameters.difficulty"));
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body("{\"version\": \"1.1.0\", \"parameters\": {\"difficulty\": \"advanced\"}}")
                .patch(path).then().statusCode(200).body("version", equalTo("1.1.0"))
                .body("parameters.difficulty", equalTo("advanced"));
        given().auth().oauth2(admin.token()).contentType("application/json").body("{\"parametersSchema\": null}")
                .patch(path).then().statusCode(200).body("parametersSchema", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(admin.token()).get("/api/v1/assistant-profiles/" + profile + "/capabilities/999999")
                .then().statusCode(404);
    }

    @Test
    void deletingAProfileDeletesItsCapabilitiesInTheSameTransaction() throws Exception {
        int profile = Profiles.create(admin, null);
        Profiles.capability(admin, profile, "first_one");
        Profiles.capability(admin, profile, "second_one");
        assertEquals(2, count(profile));
        given().auth().oauth2(admin.token()).delete("/api/v1/assistant-profiles/" + profile).then().statusCode(204);
        assertEquals(0, count(profile));
        given().auth().oauth2(admin.token()).get("/api/v1/assistant-profiles/" + profile + "/capabilities")
                .then().statusCode(404);
    }

    @Test
    void deletingOneCapabilityLeavesTheOthers() {
        int profile = Profiles.create(admin, null);
        int gone = Profiles.capability(admin, profile, "gone_one");
        Profiles.capability(admin, profile, "kept_one");
        given().auth().oauth2(admin.token()).delete("/api/v1/assistant-profiles/" + profile + "/capabilities/" + gone)
                .then().statusCode(204);
        given().auth().oauth2(admin.token()).delete("/api/v1/assistant-profiles/" + profile + "/capabilities/" + gone)
                .then().statusCode(404);
        assertEquals(1, count(profile));
    }

    /** Counted below the service, as the owner: what is really in the table. */
    static long count(int profileId) {
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            return Sql.count(c, "select count(*) from assistant.assistant_capabilities"
                    + " where profile_id = ?", profileId);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
