package app.faraday.memory;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.faraday.kit.crypto.SubjectKeys;

/**
 * Between what a teacher reads and what the database holds. A sensitive memory's content and context
 * are sealed (AES-256-GCM under the teacher's data key, bound to table, column, row and owner) and its
 * words kept only as a blind index; a readable one keeps plain text, which PostgreSQL indexes itself.
 * Both carry the keyed duplicate key, so a duplicate is found whichever way either is stored.
 */
@ApplicationScoped
public class MemorySealing {

    static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final String MEMORIES = "memory.user_memories";
    private static final String INTERACTIONS = "memory.memory_interactions";

    private final ObjectMapper mapper;

    public MemorySealing(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A memory's content and context as the teacher wrote them. */
    public record Readable(String content, Map<String, Object> context) {
    }

    /** Stores {@code content} and {@code context} in {@code memory} (its id and owner set), sealed or not. */
    void seal(Memory memory, SubjectKeys.DataKey key, String content, JsonNode context, boolean sensitive) {
        memory.sensitive = sensitive;
        memory.contentKey = MemoryText.contentKey(key, content);
        Map<String, Object> map = context == null || context.isNull() ? null : mapper.convertValue(context, OBJECT);
        String row = String.valueOf(memory.id);
        if (sensitive) {
            memory.content = key.encrypt(content, MEMORIES, "content", row);
            memory.context = null;
            memory.sealedContext = map == null ? null : key.encrypt(json(map), MEMORIES, "sealed_context", row);
            memory.terms = MemoryText.terms(key, content);
        } else {
            memory.content = content;
            memory.context = map;
            memory.sealedContext = null;
            memory.terms = new String[0];
        }
    }

    /** {@code key} may be null only for a memory that is not sensitive. */
    Readable open(Memory memory, SubjectKeys.DataKey key) {
        if (!memory.sensitive) {
            return new Readable(memory.content, memory.context);
        }
        String row = String.valueOf(memory.id);
        String content = key.decrypt(memory.content, MEMORIES, "content", row);
        Map<String, Object> context = memory.sealedContext == null ? null
                : parse(key.decrypt(memory.sealedContext, MEMORIES, "sealed_context", row));
        return new Readable(content, context);
    }

    /** An interaction's context, sealed when its memory is sensitive. */
    void sealContext(Interaction interaction, SubjectKeys.DataKey key, JsonNode context, boolean sensitive) {
        Map<String, Object> map = context == null || context.isNull() ? null : mapper.convertValue(context, OBJECT);
        if (map != null && sensitive) {
            interaction.sealedContext = key.encrypt(json(map), INTERACTIONS, "sealed_context",
                    String.valueOf(interaction.id));
        } else {
            interaction.context = map;
        }
    }

    Map<String, Object> openContext(Interaction interaction, SubjectKeys.DataKey key) {
        if (interaction.sealedContext == null) {
            return interaction.context;
        }
        return parse(key.decrypt(interaction.sealedContext, INTERACTIONS, "sealed_context",
                String.valueOf(interaction.id)));
    }

    private String json(Map<String, Object> value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of JSON values always serialises", e);
        }
    }

    private Map<String, Object> parse(String json) {
        try {
            return mapper.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sealed context decrypted to something that is not JSON", e);
        }
    }
}
