package app.faraday.memory;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import app.faraday.kit.crypto.SubjectKeys;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.security.Caller;
import app.faraday.memory.config.MemoryConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Embeds what the queue holds (V3__embeddings.sql), after the write that queued it committed: a write never
 * waits for the model. Takes a batch as the service role, then works teacher by teacher acting for that
 * teacher, so that row-level security and the teacher's data key apply as on any request: reads the
 * memories, opens sealed content, embeds it, stores the vector (sealed for a sensitive memory) and clears
 * the entry, unless the content changed meanwhile. A failure is retried later, with a growing delay.
 * After a change of model every older vector is queued again, once per start.
 */
@ApplicationScoped
public class EmbeddingJob {

    static final String TABLE = "memory.memory_embeddings";
    private static final Caller JOB = Caller.service("embedding");
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final Embeddings embeddings;
    private final MemoryConfig config;
    private final Transactions tx;
    private final SubjectKeys keys;
    private final MemorySealing sealing;
    private volatile boolean requeued;

    public EmbeddingJob(Embeddings embeddings, MemoryConfig config, Transactions tx, SubjectKeys keys,
            MemorySealing sealing) {
        this.embeddings = embeddings;
        this.config = config;
        this.tx = tx;
        this.keys = keys;
        this.sealing = sealing;
    }

    @Scheduled(every = "${faraday.memory.embedding.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return embedDue().onFailure().invoke(e -> Log.warnf("embedding run failed: %s", e.toString()))
                .onFailure().recoverWithItem(0).replaceWithVoid();
    }

    /**
     * One run: answers how many queue entries it took (embedded, gone, or failed and due again later), so that
     * a caller draining the queue stops only when nothing was due; 0 while the model is not ready.
     */
    public Uni<Integer> embedDue() {
        if (embeddings.state() != Embeddings.State.READY) {
            return Uni.createFrom().item(0);
        }
        Uni<Void> first = requeued ? Uni.createFrom().voidItem() : requeueOtherModels();
        return first.chain(this::claim).chain(due -> {
            Map<UUID, List<Due>> byTeacher = new LinkedHashMap<>();
            due.forEach(d -> byTeacher.computeIfAbsent(d.userId(), u -> new ArrayList<>()).add(d));
            return Multi.createFrom().iterable(byTeacher.entrySet())
                    .onItem().transformToUniAndConcatenate(e -> forTeacher(e.getKey(), e.getValue()))
                    .collect().asList().replaceWith(due.size());
        });
    }

    Uni<Void> requeueOtherModels() {
        return tx.runWithSession(JOB, session -> session.createNativeQuery(
                "select memory.memory_embedding_requeue(?1)", Integer.class)
                .setParameter(1, embeddings.model()).getSingleResult())
                .invoke(n -> {
                    requeued = true;
                    if (n > 0) {
                        Log.infof("%d memories queued again for the embedding model %s", n, embeddings.model());
                    }
                }).replaceWithVoid();
    }

    record Due(long memoryId, UUID userId, OffsetDateTime queuedAt) {
    }

    private record Text(long memoryId, byte[] contentKey, boolean sensitive, String text) {
    }

    private Uni<List<Due>> claim() {
        return tx.runWithSession(JOB, session -> session.createNativeQuery(
                "select memory_id, user_id, queued_at from memory.memory_embedding_claim(?1, make_interval(secs => ?2))",
                Object[].class)
                .setParameter(1, config.embedding().batchSize()).setParameter(2, (double) LEASE.toSeconds())
                .getResultList())
                .map(rows -> rows.stream().map(r -> new Due(((Number) r[0]).longValue(), (UUID) r[1],
                        (OffsetDateTime) r[2])).toList());
    }

    private Uni<Integer> forTeacher(UUID teacher, List<Due> due) {
        Caller caller = Caller.of(teacher, Set.of(Caller.TEACHER), "embedding");
        return tx.read(caller, session -> texts(session, teacher, due))
                .chain(texts -> Multi.createFrom().iterable(texts)
                        .onItem().transformToUniAndConcatenate(t -> embeddings.embed(t.text())
                                .map(vector -> Map.entry(t, vector))
                                .onFailure().recoverWithUni(e -> failed(t.memoryId(), e)
                                        .<Map.Entry<Text, float[]>>map(ignored -> null)))
                        .filter(Objects::nonNull)
                        .collect().asList()
                        .chain(vectors -> store(caller, teacher, due, texts, vectors)))
                .onFailure().recoverWithUni(e -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(d -> failed(d.memoryId(), e))
                        .collect().asList().map(ignored -> 0));
    }

    /** The memories' texts as the teacher reads them; a memory gone or expired meanwhile is left out. */
    private Uni<List<Text>> texts(Mutiny.Session session, UUID teacher, List<Due> due) {
        return session.find(Memory.class, due.stream().map(Due::memoryId).toArray())
                .chain(memories -> {
                    boolean anySealed = memories.stream().anyMatch(m -> m != null && m.sensitive);
                    return (anySealed ? keys.find(session, teacher) : Uni.createFrom().<SubjectKeys.DataKey>nullItem())
                            .map(key -> {
                                List<Text> out = new ArrayList<>();
                                for (int i = 0; i < due.size(); i++) {
                                    Memory m = memories.get(i);
                                    if (m != null && (!m.sensitive || key != null)) {
                                        out.add(new Text(m.id, m.contentKey, m.sensitive,
                                                sealing.open(m, key).content()));
                                    }
                                }
                                return out;
                            });
                });
    }

    /** Stores the vectors and clears the queue, for the gone memories too; acting for the teacher. */
    private Uni<Integer> store(Caller caller, UUID teacher, List<Due> due, List<Text> texts,
            List<Map.Entry<Text, float[]>> vectors) {
        String model = embeddings.model();
        return tx.runWithSession(caller, session -> keysIfSealed(session, teacher, vectors).chain(key -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<Text, float[]> entry : vectors) {
                Text t = entry.getKey();
                byte[] quantized = Vectors.quantize(entry.getValue());
                String sealed = t.sensitive() ? key.encrypt(Base64.getEncoder().encodeToString(quantized), TABLE,
                        "sealed_vector", String.valueOf(t.memoryId())) : null;
                chain = chain.chain(() -> session.createNativeQuery("insert into memory.memory_embeddings"
                        + " (memory_id, user_id, model, content_key, vector, sealed_vector) values (?1, ?2, ?3, ?4, ?5, ?6)"
                        + " on conflict (memory_id) do update set model = excluded.model,"
                        + " content_key = excluded.content_key, vector = excluded.vector,"
                        + " sealed_vector = excluded.sealed_vector, embedded_at = now()")
                        .setParameter(1, t.memoryId()).setParameter(2, teacher).setParameter(3, model)
                        .setParameter(4, t.contentKey()).setParameter(5, sealed == null ? quantized : null)
                        .setParameter(6, sealed).executeUpdate().replaceWithVoid());
            }
            Set<Long> read = new HashSet<>(texts.stream().map(Text::memoryId).toList());
            Set<Long> embedded = new HashSet<>(vectors.stream().map(v -> v.getKey().memoryId()).toList());
            for (Due d : due) {
                // Embedded, or gone (deleted, expired, or sealed under a key erased since): nothing left to do.
                if (embedded.contains(d.memoryId()) || !read.contains(d.memoryId())) {
                    chain = chain.chain(() -> session.createNativeQuery(
                            "select memory.memory_embedding_done(?1, ?2)", Boolean.class)
                            .setParameter(1, d.memoryId()).setParameter(2, d.queuedAt()).getSingleResult()
                            .replaceWithVoid());
                }
            }
            return chain.replaceWith(vectors.size());
        }));
    }

    private Uni<SubjectKeys.DataKey> keysIfSealed(Mutiny.Session session, UUID teacher,
            List<Map.Entry<Text, float[]>> vectors) {
        return vectors.stream().anyMatch(v -> v.getKey().sensitive()) ? keys.find(session, teacher)
                : Uni.createFrom().nullItem();
    }

    private Uni<Void> failed(long memoryId, Throwable error) {
        Log.warnf("embedding memory %d failed: %s", memoryId, error.toString());
        return tx.runWithSession(JOB, session -> session.createNativeQuery(
                "select memory.memory_embedding_failed(?1, ?2)")
                .setParameter(1, memoryId).setParameter(2, error.toString()).getSingleResult())
                .replaceWithVoid().onFailure().recoverWithNull();
    }
}
