package app.faraday.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** The combined API document, Swagger UI, health and metrics of the gateway. */
@QuarkusTest
class OperationsTest {

    @Test
    void oneDocumentForEveryServiceWithoutTheInternalFeed() {
        given().get("/q/openapi").then().statusCode(200).contentType("application/json")
                .body("info.title", equalTo("Faraday API"))
                .body("paths.'/api/v1/lessons'.get", notNullValue())
                .body("paths.'/internal/events'", nullValue())
                .body("components.schemas.Lesson.type", equalTo("object"))
                .body("tags.name", hasItem("Lessons"))
                // memories' upstream has nothing behind it: named, not fatal
                .body("x-faraday-missing-services.size()", equalTo(1))
                // the gateway's own answers, on every operation, by reference
                .body("paths.'/api/v1/lessons'.get.responses.'429'.$ref",
                        equalTo("#/components/responses/TooManyRequests"))
                .body("paths.'/api/v1/lessons'.get.responses.'502'.$ref", equalTo("#/components/responses/BadGateway"))
                .body("paths.'/api/v1/lessons'.get.responses.'504'.$ref",
                        equalTo("#/components/responses/GatewayTimeout"))
                .body("components.responses.TooManyRequests.headers.'Retry-After'.schema.type", equalTo("integer"))
                .body("components.responses.BadGateway.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"));
        given().get("/q/swagger-ui").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .body(containsString("swagger-ui-bundle.js"));
        given().get("/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js").then().statusCode(200);
        given().get("/q/swagger-ui.js").then().statusCode(200).body(containsString("/q/openapi"));
    }

    @Test
    void requestsAndRateLimitDecisionsAreMetered() {
        given().auth().oauth2(TestTokens.token(UUID.randomUUID(), "teacher")).get("/api/v1/lessons").then()
                .statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("faraday_gateway_requests_seconds_count{route=\"content\",status=\"200\"}"))
                .body(containsString("faraday_gateway_ratelimit_total{decision=\"allowed\",policy=\"default\"}"))
                .body(containsString("faraday_gateway_upstream_seconds_count{route=\"content\"}"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
