package app.faraday.memory;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;

import app.faraday.assistant.client.AssistantProfileCheck;
import app.faraday.kit.crypto.SubjectKeys;
import app.faraday.kit.db.Flush;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.error.Problem;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.json.JsonSchemas;
import app.faraday.kit.json.MergePatch;
import app.faraday.kit.security.Caller;
import app.faraday.kit.web.ETags;
import app.faraday.memory.config.MemoryConfig;
import app.faraday.memory.rest.dto.MemoryPage;
import app.faraday.memory.rest.dto.MemoryPatch;
import app.faraday.memory.rest.dto.MemoryRequest;
import app.faraday.memory.rest.dto.MemoryResponse;
import io.smallrye.mutiny.Uni;

/**
 * A teacher's memories: only ever their own (row-level security hides everyone else's, admins' too, and
 * every expired one). A new memory names an active assistant profile, asked of assistant-service outside
 * any transaction; each teacher's writes under one profile are serialised by an advisory lock, so the
 * duplicate check and the cap hold under concurrency.
 */
@ApplicationScoped
public class MemoryService {

    public record Filters(Integer assistantProfileId, String category, String q) {
    }

    /** recent: last change first; relevance: MemoryQuery's score. */
    public enum Sort {
        RECENT, RELEVANCE
    }

    private final JsonSchema contextSchema = JsonSchemas.load("memory-context");
    private final MemoryConfig config;
    private final MemorySealing sealing;
    private final SubjectKeys keys;
    private final AccessCounter accesses;
    private final AssistantProfileCheck profiles;
    private final Transactions tx;
    private final ObjectMapper mapper;
    private final Validator validator;

    public MemoryService(MemoryConfig config, MemorySealing sealing, SubjectKeys keys, AccessCounter accesses,
            AssistantProfileCheck profiles, Transactions tx, ObjectMapper mapper, Validator validator) {
        this.config = config;
        this.sealing = sealing;
        this.keys = keys;
        this.accesses = accesses;
        this.profiles = profiles;
        this.tx = tx;
        this.mapper = mapper;
        this.validator = validator;
    }

    public Uni<MemoryResponse> create(Caller caller, String authorization, MemoryRequest request) {
        requireValid(request.category(), request.context(), request.expiresAt());
        return profiles.requireActive(request.assistantProfileId(), authorization, caller.requestId())
                .chain(() -> store(caller, request));
    }

    /** The write itself, for a profile already checked (the API) or known (the demo seed). */
    Uni<MemoryResponse> store(Caller caller, MemoryRequest request) {
        UUID owner = caller.userId();
        boolean sensitive = Boolean.TRUE.equals(request.sensitive());
        return tx.runWithSession(caller, session -> keys.findOrCreate(session, owner).chain(key -> {
            byte[] contentKey = MemoryText.contentKey(key, request.content());
            return admit(session, request.assistantProfileId(), contentKey).chain(id -> {
                Memory memory = new Memory();
                memory.id = id;
                memory.userId = owner;
                memory.assistantProfileId = request.assistantProfileId();
                memory.importance = request.importance().floatValue();
                memory.category = request.category();
                memory.expiresAt = request.expiresAt();
                sealing.seal(memory, key, request.content(), request.context(), sensitive);
                // A new memory has no accesses or feedback yet: nothing to read back of its counters.
                return session.persist(memory).chain(() -> Flush.andRefresh(memory))
                        .map(saved -> response(saved, null, key, null));
            });
        }));
    }

    /** One memory; the read counts as an access. */
    public Uni<MemoryResponse> get(Caller caller, long id) {
        return tx.runWithSession(caller, session -> owned(session, id)
                .chain(memory -> keyFor(session, caller, memory.sensitive)
                        .chain(key -> {
                            accesses.record(List.of(memory.id));
                            return respond(session, memory, key, null);
                        })));
    }

    public Uni<MemoryPage> list(Caller caller, Filters filters, Sort sort, int page, int size) {
        requireKnownCategory(filters.category(), "category");
        return tx.runWithSession(caller, session -> keys.find(session, caller.userId()).chain(key -> {
            String[] queryTerms = key == null || filters.q() == null ? new String[0]
                    : MemoryText.terms(key, filters.q());
            MemoryQuery query = MemoryQuery.of(caller.userId(), new MemoryQuery.Filters(filters.assistantProfileId(),
                    filters.category(), filters.q(), queryTerms), sort, config.ranking());
            var select = session.createNativeQuery(query.select(), Object[].class);
            var count = session.createNativeQuery(query.count(), Long.class);
            for (int i = 0; i < query.parameters().size(); i++) {
                select.setParameter(i + 1, query.parameters().get(i));
                count.setParameter(i + 1, query.parameters().get(i));
            }
            select.setFirstResult(page * size).setMaxResults(size);
            return select.getResultList().chain(rows -> count.getSingleResult().chain(total -> {
                List<Long> ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
                Map<Long, Double> scores = new HashMap<>();
                rows.forEach(r -> scores.put(((Number) r[0]).longValue(),
                        r[1] == null ? null : ((Number) r[1]).doubleValue()));
                if (sort == Sort.RELEVANCE) {
                    accesses.record(ids);
                }
                return page(session, ids, key, scores::get)
                        .map(items -> new MemoryPage(items, page, size, total));
            }));
        }));
    }

    /** A JSON merge patch of what a teacher may change, if the memory is still at version {@code expected}. */
    public Uni<MemoryResponse> patch(Caller caller, long id, int expected, ObjectNode patch) {
        return tx.runWithSession(caller, session -> owned(session, id).chain(memory -> {
            if (!memory.version.equals(expected)) {
                throw ETags.stale(memory.version);
            }
            return keys.findOrCreate(session, caller.userId()).chain(key -> {
                MemorySealing.Readable current = sealing.open(memory, key);
                MemoryPatch before = new MemoryPatch(current.content(),
                        current.context() == null ? null : mapper.valueToTree(current.context()),
                        importance(memory), memory.category, memory.sensitive, memory.expiresAt);
                MemoryPatch after = MergePatch.apply(mapper, validator, before, patch, MemoryPatch.class);
                requireValid(after.category(),
                        after.context(), after.expiresAt() == null || after.expiresAt().equals(memory.expiresAt)
                                ? null : after.expiresAt());
                byte[] contentKey = MemoryText.contentKey(key, after.content());
                return requireNoDuplicate(session, caller.userId(), memory.assistantProfileId, contentKey, memory.id)
                        .chain(() -> {
                            memory.importance = after.importance().floatValue();
                            memory.category = after.category();
                            memory.expiresAt = after.expiresAt();
                            sealing.seal(memory, key, after.content(), after.context(), after.sensitive());
                            return Flush.andRefresh(memory);
                        })
                        .chain(saved -> respond(session, saved, key, null));
            });
        })).onFailure(ETags::isStaleWrite).transform(e -> ETags.stale());
    }

    public Uni<Void> delete(Caller caller, long id) {
        return tx.runWithSession(caller, session -> owned(session, id)
                .chain(memory -> session.remove(memory)).chain(session::flush));
    }

    /** The caller's memory; 404 for anyone else's (admins' too) and for an expired one: the database hides them. */
    Uni<Memory> owned(Mutiny.Session session, long id) {
        return session.find(Memory.class, id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no such memory"));
    }

    Uni<SubjectKeys.DataKey> keyFor(Mutiny.Session session, Caller caller, boolean needed) {
        return needed ? keys.find(session, caller.userId()) : Uni.createFrom().nullItem();
    }

    Uni<List<MemoryResponse>> page(Mutiny.Session session, List<Long> ids, SubjectKeys.DataKey key,
            Function<Long, Double> scores) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return session.find(Memory.class, ids.toArray()).chain(memories -> session.find(MemoryStats.class,
                ids.toArray()).map(stats -> {
                    List<MemoryResponse> items = new ArrayList<>();
                    for (int i = 0; i < ids.size(); i++) {
                        Memory memory = memories.get(i);
                        if (memory != null) {
                            items.add(response(memory, stats.get(i), key, scores.apply(memory.id)));
                        }
                    }
                    return items;
                }));
    }

    private Uni<MemoryResponse> respond(Mutiny.Session session, Memory memory, SubjectKeys.DataKey key, Double score) {
        return session.find(MemoryStats.class, memory.id).map(stats -> response(memory, stats, key, score));
    }

    private MemoryResponse response(Memory memory, MemoryStats stats, SubjectKeys.DataKey key, Double score) {
        MemorySealing.Readable readable = sealing.open(memory, key);
        long counted = stats == null ? 0 : stats.accessCount;
        return new MemoryResponse(memory.id, memory.assistantProfileId, readable.content(), readable.context(),
                importance(memory), memory.category, memory.sensitive, memory.expiresAt,
                counted + accesses.pending(memory.id), stats == null ? null : stats.lastAccessedAt,
                stats == null ? 0 : stats.feedbackCount, stats == null ? null : stats.successRate(), memory.version,
                memory.createdAt, memory.updatedAt, score == null ? null : Math.round(score * 10_000) / 10_000.0);
    }

    /** Stored as a 4-byte real; shown as the decimal it was written as (0.7, not 0.699999988). */
    private static double importance(Memory memory) {
        return Double.parseDouble(Float.toString(memory.importance));
    }

    /**
     * The id a new memory under {@code profile} takes, once memory_admit has serialised the teacher's writes
     * under it and found neither a live memory with the same content (409) nor the profile at its cap (409).
     */
    private Uni<Long> admit(Mutiny.Session session, int profile, byte[] contentKey) {
        return session.createNativeQuery("select new_id, duplicate_of, held from memory.memory_admit(?1, ?2, ?3)",
                Object[].class).setParameter(1, profile).setParameter(2, contentKey)
                .setParameter(3, config.maxPerProfile()).getSingleResult().map(row -> {
                    if (row[1] != null) {
                        throw duplicate(((Number) row[1]).longValue());
                    }
                    if (row[0] == null) {
                        throw new ProblemException(409, "memory-limit", "Too many memories",
                                "at most " + config.maxPerProfile() + " memories per assistant profile;"
                                        + " delete some or let them expire", List.of(), null);
                    }
                    return ((Number) row[0]).longValue();
                });
    }

    private static Uni<Void> requireNoDuplicate(Mutiny.Session session, UUID owner, int profile, byte[] contentKey,
            Long except) {
        return session.createNativeQuery("select id from memory.user_memories where user_id = ?1"
                + " and assistant_profile_id = ?2 and content_key = ?3", Long.class)
                .setParameter(1, owner).setParameter(2, profile).setParameter(3, contentKey)
                .getResultList().invoke(found -> {
                    for (Long id : found) {
                        if (!id.equals(except)) {
                            throw duplicate(id);
                        }
                    }
                }).replaceWithVoid();
    }

    private static ProblemException duplicate(long id) {
        return new ProblemException(409, "duplicate-memory", "Duplicate memory",
                "memory " + id + " already holds this content under this assistant profile; change that one instead",
                List.of(), null);
    }

    static Uni<Long> nextId(Mutiny.Session session, String table) {
        return session.createNativeQuery("select nextval(pg_get_serial_sequence(?1, 'id'))", Long.class)
                .setParameter(1, table).getSingleResult();
    }

    private void requireValid(String category, JsonNode context, OffsetDateTime expiresAt) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (category != null && !config.categories().contains(category)) {
            violations.add(new Problem.Violation("category",
                    "must be one of " + String.join(", ", config.categories())));
        }
        if (context != null && !context.isNull()) {
            violations.addAll(JsonSchemas.violations(contextSchema, "context", context));
        }
        if (expiresAt != null && !expiresAt.isAfter(OffsetDateTime.now())) {
            violations.add(new Problem.Violation("expiresAt", "must be in the future"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    void requireKnownCategory(String category, String field) {
        if (category != null && !config.categories().contains(category)) {
            throw ProblemException.invalid(field, "must be one of " + String.join(", ", config.categories()));
        }
    }
}
