package app.faraday.assistant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.OperationsContract;
import app.faraday.kit.testing.ServedAsDocumented;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** Health, request ids and the rest every service has (OperationsContract), and assistant-service's API document. */
@QuarkusTest
class OperationsTest extends OperationsContract {

    @Override
    protected String protectedPath() {
        return "/api/v1/assistant-profiles";
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithItsErrors() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.schemas.AssistantProfileRequest.properties.configuration.$ref",
                        equalTo("#/components/schemas/AssistantConfiguration"))
                .body("components.schemas.AssistantCapabilityRequest.properties.parametersSchema.anyOf[0].$ref",
                        equalTo("#/components/schemas/CapabilityParametersSchema"))
                .body("components.schemas.AssistantCapability.properties.parametersSchema.anyOf[1].type",
                        equalTo("null"))
                .body("paths.'/api/v1/assistant-profiles/{profileId}/capabilities'.post.requestBody"
                        + ".content.'application/json'.examples",
                        notNullValue())
                .body("paths.'/api/v1/assistant-profiles/{profileId}/usage'.post.responses.'429'.headers.'Retry-After'",
                        notNullValue())
                .body("paths.'/api/v1/assistant-profiles/{id}'.patch.requestBody"
                        + ".content.'application/merge-patch+json'",
                        notNullValue())
                .body("paths.'/api/v1/assistant-profiles'.get.responses.'401'", notNullValue())
                .body("components.securitySchemes.bearer", notNullValue());
    }

    @Test
    void responsesAreServedAsTheDocumentSaysNullsIncluded() {
        TestUser admin = TestUser.admin();
        int profile = Profiles.create(admin, null);
        int capability = Profiles.capability(admin, profile, "warm_up_planning");
        ServedAsDocumented.check("AssistantProfile", given().auth().oauth2(admin.token())
                .get("/api/v1/assistant-profiles/" + profile).then().statusCode(200).extract().asString());
        ServedAsDocumented.check("AssistantProfilePage", given().auth().oauth2(admin.token())
                .get("/api/v1/assistant-profiles").then().statusCode(200).extract().asString());
        ServedAsDocumented.check("AssistantUseRecorded", given().auth().oauth2(admin.token())
                .post("/api/v1/assistant-profiles/" + profile + "/usage").then().statusCode(200).extract().asString());
        ServedAsDocumented.check("AssistantUsage", given().auth().oauth2(admin.token())
                .get("/api/v1/assistant-profiles/" + profile + "/usage").then().statusCode(200).extract().asString());
        ServedAsDocumented.check("AssistantCapability", given().auth().oauth2(admin.token())
                .get("/api/v1/assistant-profiles/" + profile + "/capabilities/" + capability).then().statusCode(200)
                .extract().asString());
    }
}
