package app.faraday.memory.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** What memory-service remembers, how it ranks, and when it forgets: docs/memories.md. */
@ConfigMapping(prefix = "faraday.memory")
public interface MemoryConfig {

    /** The categories a memory may have. */
    @NotEmpty
    List<String> categories();

    /** The feedback an assistant runtime or a teacher may record; created and updated are the service's own. */
    @WithName("interaction-types")
    @NotEmpty
    List<String> interactionTypes();

    /** Feedback of these types, when successful, restarts a memory's recency (it was just used). */
    @WithName("used-types")
    List<String> usedTypes();

    /** Memories per teacher and assistant profile. */
    @WithName("max-per-profile")
    @Min(1)
    @Max(1_000_000)
    int maxPerProfile();

    Ranking ranking();

    /** How often reads are added to the stored access counts; a crash loses at most this much counting. */
    @WithName("access-flush-interval")
    Duration accessFlushInterval();

    Purge purge();

    Embedding embedding();

    Recall recall();

    /** Per category: memories of at most this importance, idle this long, are forgotten. */
    Map<String, Retention> retention();

    interface Ranking {

        /** How long until a memory's recency signal halves, counted from its last change or use. */
        @WithName("half-life")
        Duration halfLife();

        @WithName("weight-text")
        @DecimalMin("0")
        @DecimalMax("10")
        double weightText();

        @WithName("weight-importance")
        @DecimalMin("0")
        @DecimalMax("10")
        double weightImportance();

        @WithName("weight-recency")
        @DecimalMin("0")
        @DecimalMax("10")
        double weightRecency();

        @WithName("weight-feedback")
        @DecimalMin("0")
        @DecimalMax("10")
        double weightFeedback();
    }

    interface Purge {

        /** How often expired memories and retention rules are applied. */
        Duration interval();

        /** Memories deleted per statement: each batch is a short transaction of its own. */
        @WithName("batch-size")
        @Min(1)
        @Max(10_000)
        int batchSize();
    }

    interface Retention {

        /** Forget after this long without a change, a read or a use. */
        @WithName("idle-for")
        Duration idleFor();

        /** Only memories of at most this importance. */
        @WithName("max-importance")
        @WithDefault("1")
        @DecimalMin("0")
        @DecimalMax("1")
        double maxImportance();
    }

    /** Where memories' vectors come from (docs/memories.md, "Recall"). */
    interface Embedding {

        /** local: the model in this process; remote: an OpenAI-compatible /v1/embeddings; off: keyword only. */
        Provider provider();

        /** How often the job embeds what the queue holds. */
        Duration interval();

        /** Memories taken from the queue per run. */
        @WithName("batch-size")
        @Min(1)
        @Max(1_000)
        int batchSize();

        /** Query vectors kept, so that a repeated recall does not run the model again. */
        @WithName("query-cache-size")
        @Min(0)
        @Max(1_000_000)
        int queryCacheSize();

        Remote remote();

        enum Provider {
            LOCAL,
            REMOTE,
            OFF
        }

        /** The district's own embedding endpoint (Ollama, vLLM, Azure OpenAI, ...). */
        interface Remote {

            /** Base URL; the service posts to {@code <url>/v1/embeddings}. Required for provider remote. */
            Optional<URI> url();

            /** Sent as a bearer token when set. */
            @WithName("api-key")
            Optional<String> apiKey();

            String model();

            Duration timeout();
        }
    }

    /** The weights of recall's signals, each 0 to 1; a signal a memory lacks leaves the mean. */
    interface Recall {

        @WithName("weight-semantic")
        @DecimalMin("0")
        @DecimalMax("10")
        double weightSemantic();

        @WithName("weight-keyword")
        @DecimalMin("0")
        @DecimalMax("10")
        double weightKeyword();

        @WithName("weight-importance")
        @DecimalMin("0")
        @DecimalMax("10")
        double weightImportance();

        @WithName("weight-recency")
        @DecimalMin("0")
        @DecimalMax("10")
        double weightRecency();

        @WithName("weight-feedback")
        @DecimalMin("0")
        @DecimalMax("10")
        double weightFeedback();

        /**
         * GET ?sort=relevance&q= ranked by meaning lists a memory that shares no word with q only if its
         * meaning is at least this close (cosine); recall, which answers its best few, lists any.
         */
        @WithName("list-min-similarity")
        @DecimalMin("0")
        @DecimalMax("1")
        double listMinSimilarity();
    }
}
