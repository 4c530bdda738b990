package app.faraday.memory.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Recall", description = "The caller's memories that best answer the query, best first")
public record RecallResponse(
        @Schema(description = "hybrid: by meaning and the other signals; keyword: without meaning (see note)",
                enumeration = { "hybrid", "keyword" }, examples = "hybrid") String ranking,
        @Schema(nullable = true, description = "Why the ranking is keyword-only, when it is",
                examples = "the embedding model is still loading; ranked by keywords") String note,
        @Schema(nullable = true, description = "The embedding model the semantic signal comes from",
                examples = "all-minilm-l6-v2-q") String model,
        List<Item> items) {

    @Schema(name = "RecallItem")
    public record Item(
            @Schema(description = "The memory itself, as GET returns it (its score is this one)")
            MemoryResponse memory,
            @Schema(description = "The weighted mean of the signals it has, 0 to 1", examples = "0.61") double score,
            Signals signals) {
    }

    /** Each signal 0 to 1; null when the memory has none (not embedded yet, no query word matched). */
    @Schema(name = "RecallSignals", description = "Why it ranks where it does: each signal 0 to 1, with the"
            + " weights of docs/memories.md; a null signal left the mean")
    public record Signals(
            @Schema(nullable = true, description = "Cosine of the query's and the memory's vectors, below 0 as 0",
                    examples = "0.52") Double semantic,
            @Schema(description = "Full-text rank (readable) or share of query words found (sensitive)",
                    examples = "0.0") double keyword,
            @Schema(examples = "0.8") double importance,
            @Schema(description = "2^(-age / half-life), from its last change or use", examples = "0.93")
            double recency,
            @Schema(description = "(successes + 1) / (feedback + 2)", examples = "0.5") double feedback) {
    }
}
