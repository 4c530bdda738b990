package app.faraday.assistant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.faraday.assistant.config.SeedConfig;
import app.faraday.assistant.rest.dto.CapabilityRequest;
import app.faraday.assistant.rest.dto.ProfileRequest;
import app.faraday.kit.security.Caller;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Seeds the demo profiles and capabilities of {@code seed/demo-assistants.json} for the local stack,
 * only when {@code faraday.seed.demo} is on. They go through the same validation as requests do.
 * Idempotent: a profile whose name exists is left as it is.
 */
@ApplicationScoped
public class DemoSeeder {

    record DemoProfile(ProfileRequest profile, List<CapabilityRequest> capabilities) {
    }

    private final boolean enabled;
    private final AssistantProfileService profiles;
    private final AssistantCapabilityService capabilities;
    private final ObjectMapper mapper;
    private final Validator validator;

    public DemoSeeder(SeedConfig seed, AssistantProfileService profiles, AssistantCapabilityService capabilities,
            ObjectMapper mapper, Validator validator) {
        this.enabled = seed.demo();
        this.profiles = profiles;
        this.capabilities = capabilities;
        this.mapper = mapper;
        this.validator = validator;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (enabled) {
            int created = VertxContextSupport.subscribeAndAwait(this::seed);
            Log.infof("Demo data: %d assistant profile(s) created", created);
        }
    }

    /** Creates the demo profiles that do not exist yet; answers how many it created. */
    public Uni<Integer> seed() {
        Caller system = Caller.system("seed-demo");
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (DemoProfile demo : read()) {
            chain = chain.chain(count -> profiles.findByName(system, demo.profile().name())
                    .chain(existing -> existing != null
                    ? Uni.createFrom().item(count)
                    : profiles.create(system, demo.profile())
                            .chain(profile -> addCapabilities(system, profile.id, demo.capabilities()))
                            .replaceWith(count + 1)));
        }
        return chain;
    }

    private Uni<Void> addCapabilities(Caller system, int profileId, List<CapabilityRequest> list) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (CapabilityRequest capability : list) {
            chain = chain.chain(() -> capabilities.create(system, profileId, valid(capability))).replaceWithVoid();
        }
        return chain;
    }

    List<DemoProfile> read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("seed/demo-assistants.json")) {
            List<DemoProfile> demo = mapper.readValue(in, new TypeReference<List<DemoProfile>>() {
            });
            demo.forEach(d -> valid(d.profile()));
            return demo;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable seed/demo-assistants.json", e);
        }
    }

    private <T> T valid(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("seed/demo-assistants.json: " + violations);
        }
        return request;
    }
}
