package app.faraday.kit.json;

import java.io.UncheckedIOException;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON merge patch (RFC 7396) for PATCH endpoints. A resource's current state is written as its
 * create request, the patch is merged into it (nested objects merge, {@code null} removes), and the
 * result is read back and validated exactly as a create request would be, so a patch can never make
 * a record that a create would have refused.
 */
public final class MergePatch {

    private MergePatch() {
    }

    /** RFC 7396 section 2: {@code target} with {@code patch} applied; neither argument is changed. */
    public static JsonNode merge(JsonNode target, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            return patch == null ? target : patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        patch.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        });
        return result;
    }

    /**
     * The request {@code current} becomes under {@code patch}, read as strictly as a request body
     * (unknown properties and wrong types are refused) and checked by Bean Validation.
     *
     * @throws UncheckedIOException wrapping the JSON mapping error, mapped to a 400 problem
     * @throws ConstraintViolationException when the result breaks a constraint, mapped to a 400 problem
     */
    public static <T> T apply(ObjectMapper mapper, Validator validator, T current, ObjectNode patch, Class<T> type) {
        T result;
        try {
            result = mapper.treeToValue(merge(mapper.valueToTree(current), patch), type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(result);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return result;
    }
}
