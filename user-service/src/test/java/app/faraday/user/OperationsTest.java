package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What operators and API consumers rely on: health, metrics, the API document, request ids. */
@QuarkusTest
class OperationsTest {

    @Test
    void readinessIncludesTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void loginOutcomesAreCounted() {
        given().contentType("application/json").body(Map.of("email", Accounts.email("metrics"), "password", "wrong wrong wrong"))
                .post("/api/v1/auth/login").then().statusCode(401);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("faraday_logins_total{outcome=\"failure\"}"))
                .body(containsString("faraday_logins_total{outcome=\"success\"}"));
    }

    @Test
    void theOpenApiDocumentPublishesTheNotificationsSchemaAndExamples() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.schemas.Notifications.additionalProperties", equalTo(false))
                .body("components.schemas.Notifications.properties.digest.enum", hasItem("weekly"))
                .body("components.schemas.Notifications.properties.quietHours.required", hasItem("start"))
                .body("components.schemas.Preferences.properties.notifications.$ref", equalTo("#/components/schemas/Notifications"))
                .body("paths.'/api/v1/auth/register'.post.requestBody.content.'application/json'.examples", notNullValue())
                .body("paths.'/api/v1/users/me'.get.responses.'401'", notNullValue())
                .body("components.securitySchemes.bearer", notNullValue());
    }

    @Test
    void aSaneRequestIdIsEchoedAndAnInsaneOneReplaced() {
        given().header("X-Request-Id", "client-chosen.id-123").get("/q/health/live")
                .then().header("X-Request-Id", equalTo("client-chosen.id-123"));
        given().header("X-Request-Id", "has spaces and <script>").get("/api/v1/users/me")
                .then().statusCode(401)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
        given().header("X-Request-Id", "x".repeat(300)).get("/q/health/live")
                .then().header("X-Request-Id", not(equalTo("x".repeat(300))));
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .header("X-Request-Id", notNullValue());
        given().contentType("application/json").body("{}").delete("/api/v1/auth/login")
                .then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void responsesCarryNoSniffing() {
        given().get("/q/health/live").then().header("X-Content-Type-Options", equalTo("nosniff"));
    }
}
