package app.faraday.kit.json;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Text the database can store as it was sent. PostgreSQL refuses NUL in {@code text} (22021) and
 * {@code \u0000} in {@code jsonb} (22P05), and an unpaired surrogate has no UTF-8 form, so the driver
 * would store a '?' instead. Every string of a request body, in a typed field or inside a JSON
 * field, is checked as it is read ({@link #module()}, installed by {@link StrictJson}); query and path
 * parameters by {@link app.faraday.kit.web.SafeParams}.
 */
public final class SafeText {

    public static final String MESSAGE = "must not contain NUL characters or unpaired surrogates";

    private SafeText() {
    }

    public static boolean isSafe(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** A string that failed the check; the problem mappers answer it as a 400 naming the field. */
    public static final class UnsafeTextException extends MismatchedInputException {

        private final String pointer;

        UnsafeTextException(JsonParser parser, String pointer) {
            super(parser, MESSAGE, String.class);
            this.pointer = pointer;
        }

        /** Where inside a JSON field the string was (a JSON pointer), or empty for a plain string field. */
        public String pointer() {
            return pointer;
        }
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("faraday-safe-text");
        module.addDeserializer(String.class, new SafeString());
        module.addDeserializer(JsonNode.class, new SafeTree<>(JsonNode.class));
        module.addDeserializer(ObjectNode.class, new SafeTree<>(ObjectNode.class));
        module.addDeserializer(ArrayNode.class, new SafeTree<>(ArrayNode.class));
        return module;
    }

    /** A key as it can be shown in a message: what cannot be stored becomes U+FFFD. */
    private static String shown(String key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < key.length()
                    && Character.isLowSurrogate(key.charAt(i + 1));
            if (pair) {
                out.append(c).append(key.charAt(++i));
            } else {
                out.append(c == 0 || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    private static final class SafeString extends StdDeserializer<String> {

        SafeString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && !isSafe(value)) {
                throw new UnsafeTextException(parser, "");
            }
            return value;
        }
    }

    private static final class SafeTree<T extends JsonNode> extends StdDeserializer<T> {

        private final JsonDeserializer<? extends JsonNode> delegate;

        SafeTree(Class<T> type) {
            super(type);
            this.delegate = JsonNodeDeserializer.getDeserializer(type);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = delegate.deserialize(parser, context);
            String unsafe = firstUnsafe(node, "");
            if (unsafe != null) {
                throw new UnsafeTextException(parser, unsafe);
            }
            return (T) node;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T getNullValue(DeserializationContext context) throws JsonMappingException {
            return (T) delegate.getNullValue(context);
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) throws JsonMappingException {
            return delegate.getAbsentValue(context);
        }

        /** The JSON pointer of the first string or key that fails the check, or null. */
        private static String firstUnsafe(JsonNode node, String at) {
            if (node.isTextual()) {
                return isSafe(node.textValue()) ? null : at.isEmpty() ? "/" : at;
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    String found = firstUnsafe(node.get(i), at + "/" + i);
                    if (found != null) {
                        return found;
                    }
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (!isSafe(field.getKey())) {
                        return at + "/" + shown(field.getKey());
                    }
                    String here = at + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                    String found = firstUnsafe(field.getValue(), here);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
    }
}
