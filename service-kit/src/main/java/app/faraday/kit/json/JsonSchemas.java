package app.faraday.kit.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import app.faraday.kit.error.Problem;
import app.faraday.kit.error.ProblemException;

/**
 * JSON-schema (2020-12) validation of JSONB fields. Schemas live in {@code src/main/resources/schemas/}
 * and are published in the OpenAPI document by {@link JsonSchemaPublisher}, so clients validate
 * against the very file the service enforces.
 */
public final class JsonSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private JsonSchemas() {
    }

    /** Reads {@code schemas/<name>.json} from the classpath as a JSON tree. */
    public static JsonNode read(String name) {
        String path = "schemas/" + name + ".json";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + path);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable schema resource " + path, e);
        }
    }

    public static JsonSchema load(String name) {
        return FACTORY.getSchema(read(name));
    }

    /**
     * Compiles a schema a client supplied. Only call it with a schema already checked against a
     * meta-schema that rules out {@code $ref}, {@code $id} and {@code $schema}, so nothing is fetched.
     */
    public static JsonSchema compile(JsonNode schema) {
        return FACTORY.getSchema(schema);
    }

    /** The rules {@code value} breaks, each named by its path below {@code field}; empty when valid. */
    public static List<Problem.Violation> violations(JsonSchema schema, String field, JsonNode value) {
        return schema.validate(value).stream()
                .map(message -> new Problem.Violation(path(field, message), text(message)))
                .sorted(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message))
                .toList();
    }

    /** Throws a 400 problem listing every broken rule. */
    public static void require(JsonSchema schema, String field, JsonNode value) {
        List<Problem.Violation> violations = violations(schema, field, value);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    private static String path(String field, ValidationMessage message) {
        String location = message.getInstanceLocation() == null ? "$" : message.getInstanceLocation().toString();
        String below = location.startsWith("$") ? location.substring(1) : location;
        if (message.getProperty() != null && "required".equals(message.getType())) {
            below = below + "." + message.getProperty();
        }
        return below.isEmpty() ? field : field + (below.startsWith(".") || below.startsWith("[") ? below : "." + below);
    }

    private static String text(ValidationMessage message) {
        String text = message.getMessage();
        int colon = text.indexOf(": ");
        return colon >= 0 && text.startsWith("$") ? text.substring(colon + 2) : text;
    }
}
