package app.faraday.kit.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks a body the service really served against the schema its own OpenAPI document declares for it
 * (JSON Schema 2020-12, which OpenAPI 3.1 schemas are): a value served as null where the document does
 * not allow null, a wrong type or a missing required property fails the test, so the document says what
 * generated clients will really receive.
 */
public final class ServedAsDocumented {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private ServedAsDocumented() {
    }

    /** Asserts that {@code body} is valid against {@code #/components/schemas/<component>} of /q/openapi. */
    public static void check(String component, String body) {
        validate("{\"$ref\": \"#/components/schemas/" + component + "\"}", component, body);
    }

    /** The same for a body that is a JSON array of {@code component}. */
    public static void checkArray(String component, String body) {
        validate("{\"type\": \"array\", \"items\": {\"$ref\": \"#/components/schemas/" + component + "\"}}",
                component + "[]", body);
    }

    private static void validate(String schema, String component, String body) {
        try {
            JsonNode document = MAPPER.readTree(given().accept("application/json").get("/q/openapi?format=json")
                    .then().statusCode(200).extract().asString());
            ObjectNode root = (ObjectNode) MAPPER.readTree(schema);
            root.set("components", document.path("components"));
            List<ValidationMessage> errors = List.copyOf(FACTORY.getSchema(root).validate(MAPPER.readTree(body)));
            assertEquals("", errors.stream().map(ValidationMessage::getMessage).sorted()
                    .collect(Collectors.joining("\n")), component + " as served: " + body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
