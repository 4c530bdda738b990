package app.faraday.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.faraday.kit.error.ProblemException;
import app.faraday.kit.security.Caller;
import app.faraday.kit.security.DemoAccounts;
import app.faraday.memory.config.SeedConfig;
import app.faraday.memory.rest.dto.MemoryRequest;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Seeds the Springfield teachers' demo memories for the local stack, only when {@code faraday.seed.demo}
 * is on: through the same validation, sealing and duplicate check as requests, as each teacher. Profiles
 * are named by the id assistant-service's seeder gives them on a fresh database (it has no token to ask
 * with). Idempotent: a memory already there is a duplicate, and skipped.
 */
@ApplicationScoped
public class DemoSeeder {

    record DemoMemory(String ownerEmail, String profile, String category, double importance, String content,
            Boolean sensitive, JsonNode context) {
    }

    /** assistant-service's demo profiles, in the order its seeder creates them. */
    private static final List<String> PROFILES = List.of("PE Coach", "Health Advisor");

    private final SeedConfig seed;
    private final MemoryService memories;
    private final ObjectMapper mapper;

    public DemoSeeder(SeedConfig seed, MemoryService memories, ObjectMapper mapper) {
        this.seed = seed;
        this.memories = memories;
        this.mapper = mapper;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (seed.demo()) {
            int created = VertxContextSupport.subscribeAndAwait(this::seed);
            Log.infof("Demo data: %d memories created", created);
        }
    }

    /** Creates what is missing; answers how many memories it created. */
    public Uni<Integer> seed() {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (DemoMemory demo : read()) {
            Caller owner = Caller.of(DemoAccounts.userId(demo.ownerEmail()), Set.of(Caller.TEACHER), "seed-demo");
            MemoryRequest request = new MemoryRequest(PROFILES.indexOf(demo.profile()) + 1, demo.content(),
                    demo.context(), demo.importance(), demo.category(), demo.sensitive(), null);
            chain = chain.chain(count -> memories.store(owner, request).replaceWith(count + 1)
                    .onFailure(e -> e instanceof ProblemException p && p.status() == 409).recoverWithItem(count));
        }
        return chain;
    }

    private List<DemoMemory> read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("seed/demo-memories.json")) {
            return mapper.readValue(in, new TypeReference<List<DemoMemory>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable seed/demo-memories.json", e);
        }
    }
}
