package app.faraday.memory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.faraday.memory.config.MemoryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The configured {@link Embedder}, loaded in the background after start so that the service is ready for
 * everything else at once; recall ranks by keywords until then and says so. The model runs on one thread
 * of its own (ONNX Runtime uses the cores itself), never on an event loop. Query vectors are cached, so
 * that an assistant asking the same thing again does not run the model again.
 */
@ApplicationScoped
public class Embeddings {

    /** Why recall cannot rank by meaning right now, or null when it can. */
    enum State {
        LOADING("the embedding model is still loading; ranked by keywords"),
        READY(null),
        OFF("embeddings are off (faraday.memory.embedding.provider=off); ranked by keywords"),
        FAILED("the embedding model could not be loaded; ranked by keywords");

        final String reason;

        State(String reason) {
            this.reason = reason;
        }
    }

    private final MemoryConfig.Embedding config;
    private final ObjectMapper mapper;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "memory-embedding");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<State> state = new AtomicReference<>(State.LOADING);
    private final Map<String, float[]> queries;
    private final Timer timer;
    private volatile Embedder embedder;

    public Embeddings(MemoryConfig config, ObjectMapper mapper, MeterRegistry registry) {
        this.config = config.embedding();
        this.mapper = mapper;
        int cacheSize = this.config.queryCacheSize();
        this.queries = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > cacheSize;
            }
        });
        this.timer = Timer.builder("faraday_memory_embeddings").description("Texts embedded, and how long each took")
                .register(registry);
        registry.gauge("faraday_memory_embedding_ready", state, s -> s.get() == State.READY ? 1 : 0);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.provider() == MemoryConfig.Embedding.Provider.OFF) {
            state.set(State.OFF);
            return;
        }
        thread.execute(() -> {
            long started = System.nanoTime();
            try {
                embedder = config.provider() == MemoryConfig.Embedding.Provider.LOCAL ? new LocalEmbedder()
                        : new RemoteEmbedder(config.remote(), mapper);
                state.set(State.READY);
                Log.infof("embedding model %s ready in %d ms", embedder.model(), (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException | LinkageError e) {
                state.set(State.FAILED);
                Log.errorf(e, "the embedding model could not be loaded; recall ranks by keywords only");
            }
        });
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }

    State state() {
        return state.get();
    }

    /** The model's id; only when {@link #state()} is READY. */
    String model() {
        return embedder.model();
    }

    /** The vector of a memory's text, computed on the model's thread. */
    Uni<float[]> embed(String text) {
        // Back to the caller's Vert.x context afterwards: the reactive session works only there.
        Context context = Vertx.currentContext();
        Uni<float[]> vector = Uni.createFrom().item(() -> timer.record(() -> embedder.embed(text)))
                .runSubscriptionOn(thread);
        return context == null ? vector : vector.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** The vector of a recall's query, from the cache when the same text was asked before. */
    Uni<float[]> query(String text) {
        String key = embedder.model() + "\u0000" + text.strip();
        float[] cached = queries.get(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return embed(text.strip()).invoke(vector -> queries.put(key, vector));
    }
}
