package app.faraday.kit.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Publishes the JSON schemas a service enforces as OpenAPI components, from the same files the
 * validator reads. The service lists them in {@code faraday.openapi.json-schemas} as
 * {@code ComponentName=file}, e.g. {@code Notifications=notifications}; DTOs then refer to
 * {@code #/components/schemas/Notifications}.
 */
public class JsonSchemaPublisher implements OASFilter {

    /** JSON-schema keywords whose values are themselves schemas, or maps or lists of them. */
    private static final Set<String> SCHEMA_VALUED = Set.of("items", "additionalProperties", "not", "if", "then",
            "else", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs",
            "dependentSchemas");
    private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> DROPPED = Set.of("$schema", "$id");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        String spec = ConfigProvider.getConfig().getOptionalValue("faraday.openapi.json-schemas", String.class)
                .orElse("");
        if (spec.isBlank()) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        for (String entry : spec.split(",")) {
            String[] parts = entry.strip().split("=", 2);
            components.addSchema(parts[0], toSchema(JsonSchemas.read(parts[1])));
        }
    }

    static Schema toSchema(JsonNode node) {
        Schema schema = OASFactory.createSchema();
        if (node.isBoolean()) {
            return node.booleanValue() ? schema : schema.not(OASFactory.createSchema());
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (DROPPED.contains(key)) {
                continue;
            }
            if (SCHEMA_VALUED.contains(key) && (value.isObject() || value.isBoolean())) {
                schema.set(key, value.isBoolean() ? value.booleanValue() : toSchema(value));
            } else if (SCHEMA_MAPS.contains(key) && value.isObject()) {
                Map<String, Schema> map = new LinkedHashMap<>();
                value.fields().forEachRemaining(e -> map.put(e.getKey(), toSchema(e.getValue())));
                schema.set(key, map);
            } else if (SCHEMA_LISTS.contains(key) && value.isArray()) {
                List<Schema> list = new ArrayList<>();
                value.forEach(item -> list.add(toSchema(item)));
                schema.set(key, list);
            } else {
                schema.set(key, plain(value));
            }
        }
        return schema;
    }

    private static Object plain(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            value.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        return null;
    }
}
