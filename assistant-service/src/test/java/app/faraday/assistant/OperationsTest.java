package app.faraday.assistant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What operators and API consumers rely on: health, the API document, request ids. */
@QuarkusTest
class OperationsTest {

    @Test
    void readinessIncludesTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithItsErrors() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.schemas.AssistantProfileRequest.properties.configuration.$ref",
                        equalTo("#/components/schemas/AssistantConfiguration"))
                .body("components.schemas.AssistantCapabilityRequest.properties.parametersSchema.$ref",
                        equalTo("#/components/schemas/CapabilityParametersSchema"))
                .body("paths.'/api/v1/assistant-profiles/{profileId}/capabilities'.post.requestBody.content.'application/json'.examples",
                        notNullValue())
                .body("paths.'/api/v1/assistant-profiles/{profileId}/usage'.post.responses.'429'.headers.'Retry-After'",
                        notNullValue())
                .body("paths.'/api/v1/assistant-profiles/{id}'.patch.requestBody.content.'application/merge-patch+json'",
                        notNullValue())
                .body("paths.'/api/v1/assistant-profiles'.get.responses.'401'", notNullValue())
                .body("components.securitySchemes.bearer", notNullValue());
    }

    @Test
    void requestIdsAreEchoedAndInProblems() {
        given().header("X-Request-Id", "assistant-op-1").get("/api/v1/assistant-profiles")
                .then().statusCode(401).header("X-Request-Id", equalTo("assistant-op-1"))
                .body("requestId", equalTo("assistant-op-1"));
        given().header("X-Request-Id", "bad id <script>").get("/q/health/live")
                .then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }
}
