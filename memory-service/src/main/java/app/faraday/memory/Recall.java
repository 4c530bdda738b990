package app.faraday.memory;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import app.faraday.kit.crypto.SubjectKeys;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.security.Caller;
import app.faraday.memory.config.MemoryConfig;
import app.faraday.memory.rest.dto.MemoryPage;
import app.faraday.memory.rest.dto.MemoryResponse;
import app.faraday.memory.rest.dto.RecallRequest;
import app.faraday.memory.rest.dto.RecallResponse;
import io.smallrye.mutiny.Uni;

/**
 * Recall for assistant runtimes: the caller's memories under one profile that best answer a query, by a
 * weighted mean of five signals (docs/memories.md, "Recall"). The database hands over the teacher's
 * candidates with their keyword rank, counters and vectors (hundreds, not millions: one teacher's, under
 * row-level security, which also hides expired ones); the scoring happens here, where sealed vectors can
 * be opened. Without a ready model the ranking is the keyword ranking of GET ?sort=relevance, and the
 * answer says so. GET ?sort=relevance&q= ranks the same way while the model is ready (see {@link #list}).
 */
@ApplicationScoped
public class Recall {

    static final int DEFAULT_LIMIT = 10;

    /** The weights of the five signals. */
    record Weights(double semantic, double keyword, double importance, double recency, double feedback) {

        static Weights of(MemoryConfig.Recall c) {
            return new Weights(c.weightSemantic(), c.weightKeyword(), c.weightImportance(), c.weightRecency(),
                    c.weightFeedback());
        }

        /** The keyword ranking of GET ?sort=relevance&q=, for when there is no meaning to rank by. */
        static Weights keywordOnly(MemoryConfig.Ranking c) {
            return new Weights(0, c.weightText(), c.weightImportance(), c.weightRecency(), c.weightFeedback());
        }
    }

    private record Candidate(long id, double importance, double ageSeconds, long successes, long feedback,
            double keyword, String model, byte[] vector, String sealedVector) {
    }

    private record Scored(long id, double score, RecallResponse.Signals signals) {
    }

    private final MemoryConfig config;
    private final Transactions tx;
    private final SubjectKeys keys;
    private final Embeddings embeddings;
    private final MemoryService memories;
    private final AccessCounter accesses;

    public Recall(MemoryConfig config, Transactions tx, SubjectKeys keys, Embeddings embeddings,
            MemoryService memories, AccessCounter accesses) {
        this.config = config;
        this.tx = tx;
        this.keys = keys;
        this.embeddings = embeddings;
        this.memories = memories;
        this.accesses = accesses;
    }

    public Uni<RecallResponse> recall(Caller caller, RecallRequest request) {
        boolean semantic = embeddings.state() == Embeddings.State.READY;
        return recall(caller, request, semantic);
    }

    /** With {@code semantic} false: the keyword ranking, as when no model is ready (and for comparison). */
    Uni<RecallResponse> recall(Caller caller, RecallRequest request, boolean semantic) {
        return recall(caller, request, semantic,
                semantic ? Weights.of(config.recall()) : Weights.keywordOnly(config.ranking()));
    }

    /**
     * GET ?sort=relevance&q=: while the model is ready, the caller's memories (under the filters) that share
     * a word with q or come close enough to it in meaning (list-min-similarity), ranked as recall ranks
     * them, a page of them; otherwise the keyword ranking in SQL, as before there was a model.
     */
    public Uni<MemoryPage> list(Caller caller, MemoryService.Filters filters, int page, int size) {
        if (filters.q() == null || embeddings.state() != Embeddings.State.READY) {
            return memories.list(caller, filters, MemoryService.Sort.RELEVANCE, page, size);
        }
        memories.requireKnownCategory(filters.category(), "category");
        List<String> categories = filters.category() == null ? List.of() : List.of(filters.category());
        double min = config.recall().listMinSimilarity();
        return ranked(caller, filters.q(), filters.assistantProfileId(), categories, true, Weights.of(config.recall()),
                (session, key, ranked) -> {
                    List<Scored> matches = ranked.filter(s -> s.signals().keyword() > 0
                            || s.signals().semantic() != null && s.signals().semantic() >= min).toList();
                    List<Scored> shown = matches.stream().skip((long) page * size).limit(size).toList();
                    return shown(session, key, shown)
                            .map(items -> new MemoryPage(items, page, size, matches.size()));
                });
    }

    private Uni<RecallResponse> recall(Caller caller, RecallRequest request, boolean semantic, Weights weights) {
        List<String> categories = request.categories() == null ? List.of() : request.categories();
        for (String category : categories) {
            if (!config.categories().contains(category)) {
                throw ProblemException.invalid("categories",
                        "each must be one of " + String.join(", ", config.categories()));
            }
        }
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        String note = semantic ? null : embeddings.state() == Embeddings.State.READY
                ? "ranked by keywords, as asked" : embeddings.state().reason;
        String model = semantic ? embeddings.model() : null;
        return ranked(caller, request.query(), request.assistantProfileId(), categories, semantic, weights,
                (session, key, ranked) -> {
                    List<Scored> best = ranked.limit(limit).toList();
                    Map<Long, Scored> byId = new HashMap<>();
                    best.forEach(s -> byId.put(s.id(), s));
                    return shown(session, key, best).map(page -> new RecallResponse(semantic ? "hybrid" : "keyword",
                            note, model, items(page, byId)));
                });
    }

    /** What a ranking does with the caller's candidates, best first, inside its read transaction. */
    private interface Ranking<T> {
        Uni<T> apply(Mutiny.Session session, SubjectKeys.DataKey key, Stream<Scored> ranked);
    }

    /** The caller's candidates under the filters, scored and best first, handed to {@code then}. */
    private <T> Uni<T> ranked(Caller caller, String query, Integer profile, List<String> categories, boolean semantic,
            Weights weights, Ranking<T> then) {
        // The model runs before the transaction: no connection is held while it works.
        Uni<float[]> vector = semantic ? embeddings.query(query) : Uni.createFrom().nullItem();
        String model = semantic ? embeddings.model() : null;
        return vector.chain(v -> tx.read(caller, session -> keys.find(session, caller.userId())
                .chain(key -> candidates(session, caller, query, profile, categories, key)
                        .chain(found -> then.apply(session, key, score(found, v, model, key, weights, semantic)
                                .stream().sorted(Comparator.comparingDouble(Scored::score).reversed()
                                        .thenComparing(Comparator.comparingLong(Scored::id).reversed())))))));
    }

    /** The memories shown, in their order, each counted as a read. */
    private Uni<List<MemoryResponse>> shown(Mutiny.Session session, SubjectKeys.DataKey key, List<Scored> shown) {
        Map<Long, Double> scores = new HashMap<>();
        shown.forEach(s -> scores.put(s.id(), s.score()));
        List<Long> ids = shown.stream().map(Scored::id).toList();
        accesses.record(ids);
        return memories.page(session, ids, key, scores::get);
    }

    private static List<RecallResponse.Item> items(List<MemoryResponse> page, Map<Long, Scored> byId) {
        List<RecallResponse.Item> items = new ArrayList<>();
        for (MemoryResponse m : page) {
            Scored s = byId.get(m.id());
            items.add(new RecallResponse.Item(m, round(s.score()), s.signals()));
        }
        return items;
    }

    /** The caller's memories under {@code profile} (any when null) and {@code categories} (any when empty). */
    private Uni<List<Candidate>> candidates(Mutiny.Session session, Caller caller, String query, Integer profile,
            List<String> categories, SubjectKeys.DataKey key) {
        String[] terms = key == null ? new String[0] : MemoryText.terms(key, query);
        StringBuilder sql = new StringBuilder("select m.id, m.importance,"
                + " extract(epoch from now() - greatest(m.updated_at, coalesce(s.last_used_at, m.updated_at))),"
                + " s.success_count, s.feedback_count,"
                // Any of the query's words, not all: a question rarely shares every word with its answer.
                + " " + MemoryQuery.textSignal(
                        "cast(replace(cast(plainto_tsquery('english', ?2) as text), ' & ', ' | ') as tsquery)",
                        "string_to_array(?3, ',')", terms.length) + ","
                + " e.model, e.vector, e.sealed_vector"
                + " from memory.user_memories m join memory.memory_stats s on s.memory_id = m.id"
                + " left join memory.memory_embeddings e on e.memory_id = m.id"
                + " where m.user_id = ?1");
        if (profile != null) {
            sql.append(" and m.assistant_profile_id = ?4");
        }
        // Numbered without gaps: PostgreSQL refuses a statement that skips a parameter number.
        int firstCategory = profile == null ? 4 : 5;
        if (!categories.isEmpty()) {
            sql.append(" and m.category in (");
            for (int i = 0; i < categories.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append('?').append(firstCategory + i);
            }
            sql.append(')');
        }
        var statement = session.createNativeQuery(sql.toString(), Object[].class)
                .setParameter(1, caller.userId()).setParameter(2, query)
                .setParameter(3, String.join(",", terms));
        if (profile != null) {
            statement.setParameter(4, profile);
        }
        for (int i = 0; i < categories.size(); i++) {
            statement.setParameter(firstCategory + i, categories.get(i));
        }
        return statement.getResultList().map(rows -> rows.stream().map(r -> new Candidate(
                ((Number) r[0]).longValue(), ((Number) r[1]).doubleValue(), ((Number) r[2]).doubleValue(),
                ((Number) r[3]).longValue(), ((Number) r[4]).longValue(), ((Number) r[5]).doubleValue(),
                (String) r[6], (byte[]) r[7], (String) r[8])).toList());
    }

    private List<Scored> score(List<Candidate> found, float[] query, String model, SubjectKeys.DataKey key,
            Weights w, boolean semantic) {
        double halfLife = Math.max(1, config.ranking().halfLife().toSeconds());
        List<Scored> out = new ArrayList<>(found.size());
        for (Candidate c : found) {
            if (!semantic && c.keyword() <= 0) {
                continue; // keyword-only: what GET ?sort=relevance&q= would list
            }
            Double meaning = semantic ? semantic(c, query, model, key) : null;
            double recency = Math.pow(2, -Math.max(0, c.ageSeconds()) / halfLife);
            double feedback = (c.successes() + 1.0) / (c.feedback() + 2.0);
            double sum = w.keyword() * c.keyword() + w.importance() * c.importance() + w.recency() * recency
                    + w.feedback() * feedback;
            double weights = w.keyword() + w.importance() + w.recency() + w.feedback();
            if (meaning != null) {
                sum += w.semantic() * meaning;
                weights += w.semantic();
            }
            out.add(new Scored(c.id(), weights == 0 ? 0 : sum / weights, new RecallResponse.Signals(
                    meaning == null ? null : round(meaning), round(c.keyword()), round(c.importance()),
                    round(recency), round(feedback))));
        }
        return out;
    }

    /** The cosine of the query and the memory, 0 when negative; null without a vector of this model yet. */
    private static Double semantic(Candidate c, float[] query, String model, SubjectKeys.DataKey key) {
        if (c.model() == null || !c.model().equals(model)) {
            return null;
        }
        byte[] vector = c.vector();
        if (vector == null) {
            if (key == null) {
                return null;
            }
            vector = Base64.getDecoder().decode(key.decrypt(c.sealedVector(), EmbeddingJob.TABLE, "sealed_vector",
                    String.valueOf(c.id())));
        }
        return Math.max(0, Vectors.cosine(query, vector));
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
