package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.OperationsContract;
import app.faraday.kit.testing.ServedAsDocumented;
import io.quarkus.test.junit.QuarkusTest;

/** Health, request ids and the rest every service has (OperationsContract), and user-service's metrics and schemas. */
@QuarkusTest
class OperationsTest extends OperationsContract {

    @Override
    protected String protectedPath() {
        return "/api/v1/users/me";
    }

    @Test
    void loginOutcomesAreCounted() {
        given().contentType("application/json")
                .body(Map.of("email", Accounts.email("metrics"), "password", "wrong wrong wrong"))
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
                .body("components.schemas.Preferences.properties.notifications.$ref",
                        equalTo("#/components/schemas/Notifications"))
                .body("paths.'/api/v1/auth/register'.post.requestBody.content.'application/json'.examples",
                        notNullValue())
                .body("paths.'/api/v1/users/me'.get.responses.'401'", notNullValue())
                .body("components.securitySchemes.bearer", notNullValue());
    }

    @Test
    void unsupportedMethodsAreProblems() {
        given().contentType("application/json").body("{}").delete("/api/v1/auth/login")
                .then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void responsesAreServedAsTheDocumentSaysNullsIncluded() {
        Accounts.Account teacher = Accounts.teacher("documented");
        ServedAsDocumented.check("User", given().auth().oauth2(teacher.token()).get("/api/v1/users/me")
                .then().statusCode(200).extract().asString());
        ServedAsDocumented.check("Preferences", given().auth().oauth2(teacher.token())
                .get("/api/v1/users/me/preferences").then().statusCode(200).extract().asString());
        ServedAsDocumented.check("TokenResponse", given().contentType("application/json")
                .body("{\"email\": \"" + teacher.email() + "\", \"password\": \"" + Accounts.PASSWORD + "\"}")
                .post("/api/v1/auth/login").then().statusCode(200).extract().asString());
        ServedAsDocumented.check("UserPage", given().auth().oauth2(teacher.adminToken()).get("/api/v1/users")
                .then().statusCode(200).extract().asString());
    }
}
