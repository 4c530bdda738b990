package app.faraday.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import app.faraday.memory.config.MemoryConfig;

/**
 * The SQL that chooses and orders one page of a teacher's memories. Candidates are the teacher's own rows
 * (the owner index, and row-level security besides), filtered and, with {@code q}, matched by the
 * stored full-text vector of readable memories or the blind index of sealed ones; with
 * {@code sort=relevance} the database scores them and returns only the page. Nothing but ids and scores
 * leaves this query: the page's rows are then read by id.
 *
 * <p>The relevance of a memory is a weighted mean of four signals in [0, 1]: text (ts_rank_cd with
 * normalisation 32 for readable memories, the share of query words found for sealed ones), importance,
 * recency ({@code 2^(-age / half-life)}, age since the last change or use, never since a mere read) and
 * feedback (successes + 1 over feedback + 2, so a memory without any starts at one half). Without
 * {@code q} the text signal and its weight leave the mean.
 */
final class MemoryQuery {

    record Filters(Integer assistantProfileId, String category, String q, String[] queryTerms) {
    }

    private final String select;
    private final String count;
    private final List<Object> parameters;

    private MemoryQuery(String select, String count, List<Object> parameters) {
        this.select = select;
        this.count = count;
        this.parameters = parameters;
    }

    static MemoryQuery of(UUID owner, Filters filters, MemoryService.Sort sort, MemoryConfig.Ranking ranking) {
        List<Object> params = new ArrayList<>();
        params.add(owner);
        StringBuilder where = new StringBuilder(" where m.user_id = ?1");
        if (filters.assistantProfileId() != null) {
            params.add(filters.assistantProfileId());
            where.append(" and m.assistant_profile_id = ?").append(params.size());
        }
        if (filters.category() != null) {
            params.add(filters.category());
            where.append(" and m.category = ?").append(params.size());
        }
        String text = "0";
        boolean searching = filters.q() != null && !filters.q().isBlank();
        if (searching) {
            params.add(filters.q());
            String query = "websearch_to_tsquery('english', ?" + params.size() + ")";
            params.add(String.join(",", filters.queryTerms()));
            String terms = "string_to_array(?" + params.size() + ", ',')";
            where.append(" and ((not m.sensitive and m.search @@ ").append(query).append(")")
                    .append(" or (m.sensitive and m.terms && ").append(terms).append("))");
            text = textSignal(query, terms, filters.queryTerms().length);
        }
        String from = " from memory.user_memories m";
        String score;
        String order;
        if (sort == MemoryService.Sort.RELEVANCE) {
            double weights = ranking.weightImportance() + ranking.weightRecency() + ranking.weightFeedback()
                    + (searching ? ranking.weightText() : 0);
            double halfLife = Math.max(1, ranking.halfLife().toSeconds());
            score = "(" + (searching ? ranking.weightText() + " * (" + text + ") + " : "")
                    + ranking.weightImportance() + " * m.importance"
                    + " + " + ranking.weightRecency() + " * power(2, -extract(epoch from now()"
                    + " - greatest(m.updated_at, coalesce(s.last_used_at, m.updated_at))) / " + halfLife + ")"
                    + " + " + ranking.weightFeedback() + " * (s.success_count + 1.0) / (s.feedback_count + 2.0)"
                    + ") / " + (weights == 0 ? 1 : weights);
            from += " join memory.memory_stats s on s.memory_id = m.id";
            order = " order by 2 desc, m.id desc";
        } else {
            score = "null::float8";
            order = " order by m.updated_at desc, m.id desc";
        }
        String select = "select m.id, " + score + from + where + order;
        String count = "select count(*) from memory.user_memories m" + where;
        return new MemoryQuery(select, count, List.copyOf(params));
    }

    /**
     * The text signal of a memory, 0 to 1: {@code ts_rank_cd} (normalisation 32) of {@code tsquery} for a readable
     * memory, the share of the query's {@code termCount} blind-index terms ({@code termsArray}) for a sealed one.
     */
    static String textSignal(String tsquery, String termsArray, int termCount) {
        return "case when m.sensitive then cardinality(array(select unnest(m.terms) intersect select unnest("
                + termsArray + ")))::float8 / " + Math.max(1, termCount)
                + " else coalesce(ts_rank_cd(m.search, " + tsquery + ", 32), 0) end";
    }

    String select() {
        return select;
    }

    String count() {
        return count;
    }

    List<Object> parameters() {
        return parameters;
    }
}
