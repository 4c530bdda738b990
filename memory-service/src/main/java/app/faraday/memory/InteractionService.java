package app.faraday.memory;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.networknt.schema.JsonSchema;

import app.faraday.kit.crypto.SubjectKeys;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.json.JsonSchemas;
import app.faraday.kit.security.Caller;
import app.faraday.memory.config.MemoryConfig;
import app.faraday.memory.rest.dto.InteractionPage;
import app.faraday.memory.rest.dto.InteractionRequest;
import app.faraday.memory.rest.dto.InteractionResponse;
import io.smallrye.mutiny.Uni;

/**
 * A memory's history: created and updated (written by the database with the change), and the feedback
 * of assistant runtimes and teachers, which counts towards the memory's relevance. Only the memory's
 * owner sees or adds any; the context of feedback on a sensitive memory is sealed as the memory is.
 */
@ApplicationScoped
public class InteractionService {

    /** Written by the database itself, never accepted from a client. */
    static final Set<String> RECORDED = Set.of("created", "updated");

    private final JsonSchema contextSchema = JsonSchemas.load("memory-context");
    private final MemoryConfig config;
    private final MemoryService memories;
    private final MemorySealing sealing;
    private final Transactions tx;

    public InteractionService(MemoryConfig config, MemoryService memories, MemorySealing sealing, Transactions tx) {
        this.config = config;
        this.memories = memories;
        this.sealing = sealing;
        this.tx = tx;
    }

    public Uni<InteractionResponse> add(Caller caller, long memoryId, InteractionRequest request) {
        if (RECORDED.contains(request.type()) || !config.interactionTypes().contains(request.type())) {
            throw ProblemException.invalid("type", "must be one of " + String.join(", ", config.interactionTypes()));
        }
        if (request.context() != null && !request.context().isNull()) {
            JsonSchemas.require(contextSchema, "context", request.context());
        }
        boolean used = request.success() && config.usedTypes().contains(request.type());
        return tx.runWithSession(caller, session -> memories.owned(session, memoryId)
                .chain(memory -> memories.keyFor(session, caller, memory.sensitive).chain(key ->
                        MemoryService.nextId(session, "memory.memory_interactions").chain(id -> {
                            Interaction interaction = new Interaction();
                            interaction.id = id;
                            interaction.memoryId = memoryId;
                            interaction.userId = caller.userId();
                            interaction.type = request.type();
                            interaction.success = request.success();
                            sealing.sealContext(interaction, key, request.context(), memory.sensitive);
                            return session.persist(interaction)
                                    .chain(session::flush)
                                    .chain(() -> session.createNativeQuery(
                                            "select memory.memory_feedback(?1, ?2, ?3)")
                                            .setParameter(1, memoryId).setParameter(2, request.success())
                                            .setParameter(3, used).getSingleResult())
                                    .chain(() -> session.refresh(interaction))
                                    .map(ignored -> response(interaction, key));
                        }))));
    }

    /** Newest first. */
    public Uni<InteractionPage> list(Caller caller, long memoryId, int page, int size) {
        return tx.runWithSession(caller, session -> memories.owned(session, memoryId)
                .chain(memory -> memories.keyFor(session, caller, memory.sensitive).chain(key -> session
                        .createQuery("from Interaction where memoryId = :memory"
                                + " order by createdAt desc, id desc", Interaction.class)
                        .setParameter("memory", memoryId).setFirstResult(page * size).setMaxResults(size)
                        .getResultList()
                        .chain(items -> session.createQuery("select count(*) from Interaction"
                                + " where memoryId = :memory", Long.class).setParameter("memory", memoryId)
                                .getSingleResult()
                                .map(total -> new InteractionPage(toResponses(items, key), page, size, total))))));
    }

    private List<InteractionResponse> toResponses(List<Interaction> items, SubjectKeys.DataKey key) {
        return items.stream().map(i -> response(i, key)).toList();
    }

    private InteractionResponse response(Interaction i, SubjectKeys.DataKey key) {
        return new InteractionResponse(i.id, i.memoryId, i.type, i.success, sealing.openContext(i, key), i.createdAt);
    }
}
