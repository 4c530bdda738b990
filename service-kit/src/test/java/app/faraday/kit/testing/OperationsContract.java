package app.faraday.kit.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

/**
 * What operators and API consumers rely on from every service: health with the database, the API
 * document's security scheme, request ids, problem+json for unknown paths, no content sniffing. A
 * service's {@code OperationsTest} extends it (with {@code @QuarkusTest}) and adds its own checks.
 */
public abstract class OperationsContract {

    /** A GET endpoint that needs a token, as served (e.g. {@code /api/v1/users/me}). */
    protected abstract String protectedPath();

    /** The same endpoint as the API document names it (e.g. {@code /api/v1/lessons/{id}}). */
    protected String protectedPathInDocument() {
        return protectedPath();
    }

    @Test
    void readinessIncludesTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theApiDocumentDeclaresTheBearerSchemeAndTheUnauthorizedAnswer() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.bearer", notNullValue())
                .body("paths.'" + protectedPathInDocument() + "'.get.responses.'401'", notNullValue());
    }

    @Test
    void aSaneRequestIdIsEchoedAndAnInsaneOneReplaced() {
        given().header("X-Request-Id", "client-chosen.id-123").get("/q/health/live")
                .then().header("X-Request-Id", equalTo("client-chosen.id-123"));
        given().header("X-Request-Id", "client-chosen.id-124").get(protectedPath())
                .then().statusCode(401).header("X-Request-Id", equalTo("client-chosen.id-124"))
                .body("requestId", equalTo("client-chosen.id-124"));
        given().header("X-Request-Id", "has spaces and <script>").get(protectedPath())
                .then().statusCode(401)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
        given().header("X-Request-Id", "x".repeat(300)).get("/q/health/live")
                .then().header("X-Request-Id", not(equalTo("x".repeat(300))));
    }

    @Test
    void unknownPathsAreProblems() {
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void responsesCarryNoSniffing() {
        given().get("/q/health/live").then().header("X-Content-Type-Options", equalTo("nosniff"));
    }
}
