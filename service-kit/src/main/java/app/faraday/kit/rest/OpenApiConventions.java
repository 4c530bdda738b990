package app.faraday.kit.rest;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import app.faraday.kit.error.Problem;
import app.faraday.kit.json.JsonSchemaPublisher;

/**
 * The OpenAPI conventions every service follows, applied to its document in one place
 * ({@code mp.openapi.filter}), so the resources declare only what is particular to them:
 * <ul>
 * <li>the JSON schemas the service enforces, published as components ({@link JsonSchemaPublisher});</li>
 * <li>problem responses as shared components ({@code #/components/responses/NotFound}, ...): an
 * operation gets the standard ones it can answer (401 and 403 when it needs a token, 400, 413 and 415
 * when it takes a body, 400 with parameters, 404 with a path parameter, 500 always), and every other
 * 4xx/5xx it declares gets the problem+json body and its headers ({@code WWW-Authenticate} on 401,
 * {@code Retry-After} on 429 and 503);</li>
 * <li>Java types never appear as schemas: {@code UUID}, {@code OffsetDateTime}, {@code LocalDate},
 * {@code Instant} are strings with a format, {@code JsonNode} is any JSON;</li>
 * <li>an {@code operationId} on every operation: the resource's own, else one made of the method
 * and the path ({@code GET /api/v1/users/audit-chain} is {@code getUsersAuditChain});</li>
 * <li>every response has a description and every header a schema;</li>
 * <li>patterns are anchored ECMA-262 ({@code @Pattern}s are written so; {@code @NotBlank}'s {@code \S}
 * is rewritten here).</li>
 * </ul>
 */
public class OpenApiConventions extends JsonSchemaPublisher {

    private static final String COMPONENTS = "#/components/schemas/";
    private static final String RESPONSES = "#/components/responses/";

    /** Java types SmallRye would publish as schemas of their own, and what they are in JSON. */
    private static final Map<String, String[]> JAVA_TYPES = Map.of(
            "UUID", new String[] { "string", "uuid" },
            "OffsetDateTime", new String[] { "string", "date-time" },
            "Instant", new String[] { "string", "date-time" },
            "LocalDate", new String[] { "string", "date" },
            "JsonNode", new String[0]);
    private static final Set<String> DROPPED_COMPONENTS = Set.of("UUID", "OffsetDateTime", "Instant", "LocalDate",
            "JsonNode", "JsonNodeType");

    /** The shared problem responses: name, status, description. */
    private static final String[][] STANDARD = {
        { "BadRequest", "400", "Invalid request: malformed JSON, a wrong type, or a value that breaks a rule;"
                + " violations name the fields" },
        { "Unauthorized", "401", "The bearer token is missing, expired or invalid" },
        { "Forbidden", "403", "The token is valid, but its role does not allow this" },
        { "NotFound", "404", "No such resource, or not one the caller may see" },
        { "PayloadTooLarge", "413", "The body is larger than 1 MiB" },
        { "UnsupportedMediaType", "415", "The body is not in a media type this operation reads" },
        { "InternalError", "500", "Something went wrong on the service's side; quote the requestId when reporting it" },
    };

    /**
     * Marks a {@code $ref} property whose value may be served as null: SmallRye drops {@code nullable} beside
     * a {@code ref}, so {@code @Schema(ref = "...", extensions = @Extension(name = NULLABLE_REF, value = "true"))}
     * says it, and the filter writes {@code anyOf: [{$ref}, {type: null}]}.
     */
    public static final String NULLABLE_REF = "x-faraday-nullable";

    @Override
    public Schema filterSchema(Schema schema) {
        // @NotBlank comes out as the unanchored "\\S", which a whole-string matcher reads as "one character".
        if ("\\S".equals(schema.getPattern())) {
            schema.setPattern("^[\\s\\S]*\\S[\\s\\S]*$");
        }
        String ref = schema.getRef();
        if (ref != null && ref.startsWith(COMPONENTS)) {
            String[] json = JAVA_TYPES.get(ref.substring(COMPONENTS.length()));
            if (json != null) {
                schema.setRef(null);
                if (json.length == 2) {
                    Schema.SchemaType type = Schema.SchemaType.valueOf(json[0].toUpperCase(Locale.ROOT));
                    // The filter runs at build and again at start: a type is added once.
                    if (schema.getType() == null || !schema.getType().contains(type)) {
                        schema.addType(type);
                    }
                    schema.setFormat(json[1]);
                }
            }
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        super.filterOpenAPI(openAPI);
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        if (components.getSchemas() != null) {
            DROPPED_COMPONENTS.forEach(components::removeSchema);
            components.getSchemas().forEach((name, schema) -> {
                if (nullableRefs(schema)) {
                    components.addSchema(name, schema);
                }
            });
        }
        for (String[] standard : STANDARD) {
            components.addResponse(standard[0], problem(standard[1], standard[2]));
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> operations(item).forEach((method, operation) -> {
            if (operation.getOperationId() == null) {
                operation.setOperationId(operationId(method, path));
            }
            conventions(operation, path);
        }));
    }

    /** {@link #NULLABLE_REF} properties become {@code anyOf: [{$ref}, {type: null}]}; true when one did. */
    private static boolean nullableRefs(Schema schema) {
        boolean changed = false;
        if (schema != null && schema.getProperties() != null) {
            // The model hands out copies of its maps: a property is replaced through the schema itself.
            for (Map.Entry<String, Schema> entry : Map.copyOf(schema.getProperties()).entrySet()) {
                Schema property = entry.getValue();
                // Read as a plain key: on the document's second pass at start, SmallRye's model holds it
                // beside the $ref without listing it as an extension.
                boolean marked = property.hasExtension(NULLABLE_REF) || property.get(NULLABLE_REF) != null;
                if (property.getRef() != null && marked) {
                    schema.addProperty(entry.getKey(), OASFactory.createSchema()
                            .description(property.getDescription())
                            .addAnyOf(OASFactory.createSchema().ref(property.getRef()))
                            .addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL)));
                    changed = true;
                }
            }
        }
        return changed;
    }

    private static Map<PathItem.HttpMethod, Operation> operations(PathItem item) {
        return item.getOperations() == null ? Map.of() : item.getOperations();
    }

    private static void conventions(Operation operation, String path) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        boolean body = operation.getRequestBody() != null;
        boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        standard(responses, "401", "Unauthorized", secured);
        standard(responses, "403", "Forbidden", secured);
        standard(responses, "400", "BadRequest", body || parameters);
        standard(responses, "413", "PayloadTooLarge", body);
        standard(responses, "415", "UnsupportedMediaType", body);
        standard(responses, "404", "NotFound", path.contains("{"));
        standard(responses, "500", "InternalError", true);
        responses.getAPIResponses().forEach((status, response) -> {
            if (response.getRef() != null) {
                return;
            }
            if (response.getDescription() == null || response.getDescription().isBlank()) {
                response.setDescription(reason(status)); // a description is required: generators refuse the document
            }
            if (response.getHeaders() != null) {
                response.getHeaders().values().stream().filter(h -> h.getRef() == null && h.getSchema() == null)
                        .forEach(h -> h.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
            }
            if (!(status.startsWith("4") || status.startsWith("5"))) {
                return;
            }
            if (response.getContent() == null) {
                response.setContent(problemContent());
            }
            if (status.equals("401")) {
                header(response, "WWW-Authenticate",
                        "The challenge: Bearer realm=\"faraday\"", Schema.SchemaType.STRING);
            }
            if (status.equals("429") || status.equals("503")) {
                header(response, "Retry-After", "Seconds to wait before trying again", Schema.SchemaType.INTEGER);
            }
        });
    }

    private static String reason(String status) {
        return switch (status) {
            case "200" -> "OK";
            case "201" -> "Created";
            case "202" -> "Accepted";
            case "204" -> "No content";
            default -> "Status " + status;
        };
    }

    private static void standard(APIResponses responses, String status, String name, boolean applies) {
        if (applies && !responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(RESPONSES + name));
        }
    }

    private static APIResponse problem(String status, String description) {
        APIResponse response = OASFactory.createAPIResponse().description(description).content(problemContent());
        if (status.equals("401")) {
            header(response, "WWW-Authenticate", "The challenge: Bearer realm=\"faraday\"", Schema.SchemaType.STRING);
        }
        return response;
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(COMPONENTS + "Problem")));
    }

    private static void header(APIResponse response, String name, String description, Schema.SchemaType type) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            Header header = OASFactory.createHeader().description(description)
                    .schema(OASFactory.createSchema().addType(type));
            response.addHeader(name, header);
        }
    }

    /** {@code GET /api/v1/lessons/{id}/versions} → {@code getLessonsVersions}: for operations that name none. */
    static String operationId(PathItem.HttpMethod method, String path) {
        StringBuilder id = new StringBuilder(method.name().toLowerCase(Locale.ROOT));
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals("api") || segment.matches("v[0-9]+") || segment.startsWith("{")) {
                continue;
            }
            for (String word : segment.split("[-_.]")) {
                if (!word.isEmpty()) {
                    id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
        }
        return id.toString();
    }
}
