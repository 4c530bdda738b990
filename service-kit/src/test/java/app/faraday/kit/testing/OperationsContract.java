package app.faraday.kit.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import app.faraday.kit.rest.OpenApiConventions;

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

    /** The conventions of service-kit's OpenApiConventions, checked on the document as served. */
    @Test
    void theApiDocumentFollowsTheConventions() {
        Map<String, Object> document = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("");
        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        Map<String, Map<String, Object>> paths = cast(document.get("paths"));
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            Map<String, Object> operation = cast(value);
            String where = method.toUpperCase() + " " + path;
            Object id = operation.get("operationId");
            if (id == null || !operationIds.add(id.toString())) {
                problems.add(where + ": operationId missing or not unique: " + id);
            }
            Map<String, Map<String, Object>> responses = cast(operation.get("responses"));
            responses.forEach((status, response) -> {
                if (response.containsKey("$ref")) {
                    return;
                }
                if (response.get("description") == null) {
                    problems.add(where + " " + status + ": no description");
                }
                if ((status.startsWith("4") || status.startsWith("5")) && !String.valueOf(response.get("content"))
                        .contains("application/problem+json")) {
                    problems.add(where + " " + status + ": not problem+json");
                }
                Map<String, Map<String, Object>> headers = response.get("headers") == null
                        ? Map.of() : cast(response.get("headers"));
                headers.forEach((name, header) -> {
                    if (!header.containsKey("schema") && !header.containsKey("$ref")) {
                        problems.add(where + " " + status + ": header " + name + " has no schema");
                    }
                });
            });
        }));
        Map<String, Object> components = cast(document.get("components"));
        Map<String, Object> schemas = cast(components.get("schemas"));
        for (String javaType : List.of("UUID", "OffsetDateTime", "LocalDate", "Instant", "JsonNode", "JsonNodeType")) {
            if (schemas.containsKey(javaType)) {
                problems.add("components.schemas has the Java type " + javaType);
            }
        }
        String text = given().accept("application/json").get("/q/openapi").asString();
        schemaShapes(text, problems);
        if (text.contains(OpenApiConventions.NULLABLE_REF)) {
            problems.add("a nullable $ref was left as the marker " + OpenApiConventions.NULLABLE_REF
                    + " instead of anyOf [$ref, null]");
        }
        Matcher pattern = Pattern.compile("\"pattern\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
        while (pattern.find()) {
            String regex = pattern.group(1);
            // ECMA-262 has no inline flags such as Java's (?s); (?: groups are fine.
            if (!regex.startsWith("^") || !regex.endsWith("$") || regex.matches(".*\\(\\?[a-zA-Z].*")) {
                problems.add("pattern not anchored ECMA-262: " + regex);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** A {@code type} list names each type once, and an array says what its items are (Spectral's errors). */
    private static void schemaShapes(String document, List<String> problems) {
        try {
            walk(new com.fasterxml.jackson.databind.ObjectMapper().readTree(document), "", problems);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add("the document is not JSON: " + e.getMessage());
        }
    }

    private static void walk(com.fasterxml.jackson.databind.JsonNode node, String at, List<String> problems) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.JsonNode type = node.get("type");
            if (type != null && type.isArray()) {
                Set<String> seen = new HashSet<>();
                type.forEach(t -> {
                    if (!seen.add(t.asText())) {
                        problems.add(at + ": type names " + t.asText() + " twice");
                    }
                });
            }
            boolean array = type != null && (type.isArray() ? type.toString().contains("\"array\"")
                    : "array".equals(type.asText()));
            if (array && !node.has("items") && !node.has("prefixItems") && !at.contains("/examples")) {
                problems.add(at + ": an array without items");
            }
            node.fields().forEachRemaining(e -> walk(e.getValue(), at + "/" + e.getKey(), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, problems);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
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
