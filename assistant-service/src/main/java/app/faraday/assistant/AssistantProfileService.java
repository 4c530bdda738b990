package app.faraday.assistant;

import java.util.Map;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;

import app.faraday.assistant.rest.dto.ProfilePage;
import app.faraday.assistant.rest.dto.ProfileRequest;
import app.faraday.assistant.rest.dto.ProfileResponse;
import app.faraday.kit.db.Flush;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.error.DatabaseErrors;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.events.Outbox;
import app.faraday.kit.json.JsonSchemas;
import app.faraday.kit.json.MergePatch;
import app.faraday.kit.security.Caller;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * Assistant profiles: admins create, change and delete them; everyone with a token reads what the
 * row-level security policies let them see (teachers: active profiles only).
 */
@ApplicationScoped
public class AssistantProfileService {

    /** Published in the same transaction as a profile's deletion; content and memory services consume it. */
    public static final String PROFILE_DELETED = "assistant.profile.deleted";
    static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private static final Predicate<Throwable> DUPLICATE_NAME = DatabaseErrors.violates("assistant_profiles_name_key");

    private final JsonSchema configurationSchema = JsonSchemas.load("assistant-configuration");
    private final AssistantProfileRepository profiles;
    private final Transactions tx;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Validator validator;

    public AssistantProfileService(AssistantProfileRepository profiles, Transactions tx, Outbox outbox,
            ObjectMapper mapper, Validator validator) {
        this.profiles = profiles;
        this.tx = tx;
        this.outbox = outbox;
        this.mapper = mapper;
        this.validator = validator;
    }

    public Uni<ProfilePage> list(Caller caller, Boolean active, int page, int size) {
        String query = active == null ? "1 = 1" : "active = :active";
        Parameters params = active == null ? new Parameters() : Parameters.with("active", active);
        return tx.run(caller, () -> {
            var found = profiles.find(query, Sort.by("name").and("id"), params).page(Page.of(page, size));
            return found.list().chain(list -> found.count()
                    .map(total -> new ProfilePage(list.stream().map(ProfileResponse::of).toList(), page, size, total)));
        });
    }

    /** A profile the caller may see; 404 for one that does not exist or is hidden (inactive, for teachers). */
    public Uni<AssistantProfile> get(Caller caller, int id) {
        return tx.run(caller, () -> visible(id));
    }

    /** The profile with this name (case-insensitive), or null. */
    public Uni<AssistantProfile> findByName(Caller caller, String name) {
        return tx.run(caller, () -> profiles.findByName(name));
    }

    Uni<AssistantProfile> visible(int id) {
        return profiles.findById(id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no such assistant profile"));
    }

    public Uni<AssistantProfile> create(Caller caller, ProfileRequest request) {
        requireValidConfiguration(request.configuration());
        AssistantProfile profile = new AssistantProfile();
        apply(profile, request);
        return tx.run(caller, () -> profiles.persist(profile).chain(() -> Flush.andRefresh(profile)))
                .onFailure(DUPLICATE_NAME).transform(e -> duplicateName(request.name()));
    }

    /** Applies a JSON merge patch; the result must pass every check a new profile passes. */
    public Uni<AssistantProfile> update(Caller caller, int id, ObjectNode patch) {
        return tx.run(caller, () -> visible(id).chain(profile -> {
            ProfileRequest changed = MergePatch.apply(mapper, validator, requestOf(profile), patch,
                    ProfileRequest.class);
            if (changed.active() == null) {
                throw ProblemException.invalid("active", "must be true or false");
            }
            requireValidConfiguration(changed.configuration());
            apply(profile, changed);
            return Flush.andRefresh(profile)
                    .onFailure(DUPLICATE_NAME).transform(e -> duplicateName(changed.name()));
        }));
    }

    /**
     * Deletes a profile with its capabilities and usage (foreign keys, same transaction) and announces
     * it in the outbox, also in that transaction: lessons and memories elsewhere follow from the feed.
     */
    public Uni<Void> delete(Caller caller, int id) {
        return tx.run(caller, () -> visible(id).chain(profile -> profiles.delete(profile)
                .chain(() -> profiles.flush())
                .chain(() -> outbox.publish(PROFILE_DELETED, String.valueOf(id),
                        Map.of("profileId", id, "name", profile.name)))))
                .replaceWithVoid();
    }

    /** The profile's current state as the request that would create it, for merge patches. */
    private ProfileRequest requestOf(AssistantProfile p) {
        return new ProfileRequest(p.name, p.description, p.modelVersion, mapper.valueToTree(p.configuration),
                p.dailyQuota, p.active);
    }

    private void apply(AssistantProfile profile, ProfileRequest request) {
        profile.name = request.name();
        profile.description = request.description();
        profile.modelVersion = request.modelVersion();
        profile.configuration = mapper.convertValue(request.configuration(), OBJECT);
        profile.dailyQuota = request.dailyQuota();
        profile.active = request.active() == null || request.active();
    }

    void requireValidConfiguration(JsonNode configuration) {
        JsonSchemas.require(configurationSchema, "configuration", configuration);
    }

    private static ProblemException duplicateName(String name) {
        return ProblemException.conflict("an assistant profile named \"" + name + "\" already exists");
    }
}
