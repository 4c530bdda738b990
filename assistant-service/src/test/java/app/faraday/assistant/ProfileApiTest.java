package app.faraday.assistant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.TestTokens;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProfileApiTest {

    private final TestUser admin = TestUser.admin();
    private final TestUser teacher = TestUser.teacher();

    @Test
    void adminCreatesAProfileAndTheDatabaseStampsWhoAndWhen() {
        String name = Profiles.uniqueName("Coach");
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body(Profiles.body(name, Profiles.CONFIGURATION, "\"description\": \"Moves\", \"dailyQuota\": 50"))
                .post("/api/v1/assistant-profiles")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/assistant-profiles/"))
                .body("name", equalTo(name))
                .body("description", equalTo("Moves"))
                .body("modelVersion", equalTo("faraday-coach-2026.1"))
                .body("configuration.temperature", equalTo(0.7f))
                .body("configuration.maxContextLength", equalTo(4096))
                .body("dailyQuota", equalTo(50))
                .body("active", equalTo(true))
                .body("createdBy", equalTo(admin.id().toString()))
                .body("updatedBy", equalTo(admin.id().toString()))
                .body("createdAt", notNullValue());
    }

    @Test
    void namesAreUniqueWhateverTheirCase() {
        String name = Profiles.uniqueName("Unique");
        Profiles.create(admin, name, null);
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body(Profiles.body(name.toUpperCase(), Profiles.CONFIGURATION, null))
                .post("/api/v1/assistant-profiles")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already exists"));
    }

    @Test
    void teachersCannotWriteProfiles() {
        int id = Profiles.create(admin, null);
        given().auth().oauth2(teacher.token()).contentType("application/json")
                .body(Profiles.body(Profiles.uniqueName("Teacher's"), Profiles.CONFIGURATION, null))
                .post("/api/v1/assistant-profiles").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(teacher.token()).contentType("application/json").body("{\"active\": false}")
                .patch("/api/v1/assistant-profiles/" + id).then().statusCode(403);
        given().auth().oauth2(teacher.token()).delete("/api/v1/assistant-profiles/" + id).then().statusCode(403);
        given().auth().oauth2(admin.token()).get("/api/v1/assistant-profiles/" + id)
                .then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void inactiveProfilesAreHiddenFromTeachers() {
        String name = Profiles.uniqueName("Dormant");
        int id = Profiles.create(admin, name, "\"active\": false");
        given().auth().oauth2(teacher.token()).get("/api/v1/assistant-profiles/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(teacher.token()).queryParam("size", 100).get("/api/v1/assistant-profiles")
                .then().statusCode(200).body("items.name", not(hasItem(name)))
                .body("items.active", not(hasItem(false)));
        given().auth().oauth2(teacher.token()).queryParam("active", "false").get("/api/v1/assistant-profiles")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(admin.token()).queryParam("active", "false").queryParam("size", 100)
                .get("/api/v1/assistant-profiles").then().statusCode(200).body("items.name", hasItem(name));

        given().auth().oauth2(admin.token()).contentType("application/json").body("{\"active\": true}")
                .patch("/api/v1/assistant-profiles/" + id).then().statusCode(200);
        given().auth().oauth2(teacher.token()).get("/api/v1/assistant-profiles/" + id)
                .then().statusCode(200).body("name", equalTo(name));
    }

    @Test
    void listIsPagedAndOrderedByName() {
        given().auth().oauth2(admin.token()).queryParam("page", 0).queryParam("size", 2)
                .get("/api/v1/assistant-profiles")
                .then().statusCode(200).body("page", equalTo(0)).body("size", equalTo(2))
                .body("items.size()", org.hamcrest.Matchers.lessThanOrEqualTo(2))
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
        Profiles.create(admin, "AAA " + UUID.randomUUID(), null);
        List<String> names = given().auth().oauth2(admin.token()).queryParam("size", 100)
                .get("/api/v1/assistant-profiles")
                .then().statusCode(200).extract().path("items.name");
        List<String> sorted = names.stream().sorted().toList();
        org.junit.jupiter.api.Assertions.assertEquals(sorted, names);
    }

    @Test
    void patchIsAMergePatchValidatedLikeACreate() {
        int id = Profiles.create(admin, "\"description\": \"Before\"");
        TestUser other = TestUser.admin();
        given().auth().oauth2(other.token()).contentType("application/merge-patch+json")
                .body("{\"description\": null, \"configuration\": {\"temperature\": 0.2, \"style\": null,"
                        + " \"maxOutputTokens\": 512}}")
                .patch("/api/v1/assistant-profiles/" + id)
                .then().statusCode(200)
                .body("description", nullValue())
                .body("configuration.temperature", equalTo(0.2f))
                .body("configuration.maxOutputTokens", equalTo(512))
                .body("configuration.topP", equalTo(1.0f))
                .body("configuration.style", nullValue())
                .body("createdBy", equalTo(admin.id().toString()))
                .body("updatedBy", equalTo(other.id().toString()));

        given().auth().oauth2(admin.token()).contentType("application/json").body("{\"name\": null}")
                .patch("/api/v1/assistant-profiles/" + id)
                .then().statusCode(400).body("violations[0].field", equalTo("name"));
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body("{\"configuration\": {\"temperature\": 3}}")
                .patch("/api/v1/assistant-profiles/" + id)
                .then().statusCode(400).body("violations[0].field", equalTo("configuration.temperature"));
        given().auth().oauth2(admin.token()).contentType("application/json").body("{\"colour\": \"red\"}")
                .patch("/api/v1/assistant-profiles/" + id)
                .then().statusCode(400).body("violations[0].field", equalTo("colour"));
        given().auth().oauth2(admin.token()).get("/api/v1/assistant-profiles/" + id)
                .then().statusCode(200).body("configuration.temperature", equalTo(0.2f));
    }

    @Test
    void renamingOntoAnExistingNameIsAConflict() {
        String taken = Profiles.uniqueName("Taken");
        Profiles.create(admin, taken, null);
        int id = Profiles.create(admin, null);
        given().auth().oauth2(admin.token()).contentType("application/json").body("{\"name\": \"" + taken + "\"}")
                .patch("/api/v1/assistant-profiles/" + id).then().statusCode(409);
    }

    @Test
    void tokensAreVerified() {
        UUID someone = UUID.randomUUID();
        given().get("/api/v1/assistant-profiles").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2(TestTokens.forged(someone, "admin")).get("/api/v1/assistant-profiles").then()
                .statusCode(401);
        given().auth().oauth2(TestTokens.unsigned(someone, "admin")).get("/api/v1/assistant-profiles").then()
                .statusCode(401);
        given().auth().oauth2(TestTokens.hs256WithPublicKey(someone, "admin")).get("/api/v1/assistant-profiles")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.sign(TestTokens.claims(someone, "admin").audience("someone-else")))
                .get("/api/v1/assistant-profiles").then().statusCode(401);
        given().auth().oauth2(TestTokens.sign(TestTokens.claims(someone, "admin").issuer("https://evil.example")))
                .get("/api/v1/assistant-profiles").then().statusCode(401);
        given().auth().oauth2(TestTokens.sign(TestTokens.claims(someone, "admin")
                .issuedAt(java.time.Instant.now().minusSeconds(1200))
                .expiresAt(java.time.Instant.now().minusSeconds(600))))
                .get("/api/v1/assistant-profiles").then().statusCode(401);
    }

    @Test
    void serviceTokensReadProfilesButNotTheTeacherList() {
        int id = Profiles.create(admin, "\"active\": false");
        String service = TestTokens.service("content-service");
        given().auth().oauth2(service).get("/api/v1/assistant-profiles/" + id).then().statusCode(200)
                .body("active", equalTo(false));
        given().auth().oauth2(service).get("/api/v1/assistant-profiles").then().statusCode(403);
        given().auth().oauth2(service).contentType("application/json").body("{\"active\": true}")
                .patch("/api/v1/assistant-profiles/" + id).then().statusCode(403);
    }

    @Test
    void unknownIdsAre404() {
        given().auth().oauth2(admin.token()).get("/api/v1/assistant-profiles/999999999").then().statusCode(404)
                .contentType("application/problem+json").body("requestId", notNullValue());
        given().auth().oauth2(admin.token()).get("/api/v1/assistant-profiles/abc").then().statusCode(404);
        given().auth().oauth2(admin.token()).delete("/api/v1/assistant-profiles/999999999").then().statusCode(404);
    }

    @Test
    void openApiPublishesTheEnforcedSchemas() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.AssistantConfiguration.properties.temperature.maximum", equalTo(2))
                .body("components.schemas.AssistantConfiguration.additionalProperties", equalTo(false))
                .body("components.schemas.CapabilityParametersSchema.required", hasItem("properties"))
                .body("paths.'/api/v1/assistant-profiles'.post.requestBody.content.'application/json'.examples",
                        notNullValue())
                .body("paths.'/api/v1/assistant-profiles/{id}'.delete.description", endsWith("lose the reference."));
    }
}
