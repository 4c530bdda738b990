package app.faraday.assistant;

import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;

import app.faraday.assistant.rest.dto.CapabilityPage;
import app.faraday.assistant.rest.dto.CapabilityRequest;
import app.faraday.assistant.rest.dto.CapabilityResponse;
import app.faraday.kit.db.Flush;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.error.DatabaseErrors;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.json.JsonSchemas;
import app.faraday.kit.json.MergePatch;
import app.faraday.kit.security.Caller;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * A profile's capabilities. Parameters are checked against the schema the capability declares, and
 * that schema against the small, safe subset of JSON Schema in schemas/capability-parameters-schema.json.
 */
@ApplicationScoped
public class AssistantCapabilityService {

    private static final Predicate<Throwable> DUPLICATE_NAME =
            DatabaseErrors.violates("assistant_capabilities_name_key");

    /** Parameters without a declared schema: any object of at most 64 settings. */
    private static final JsonSchema OBJECT_ONLY = JsonSchemas.compile(
            new ObjectMapper().createObjectNode().put("type", "object").put("maxProperties", 64));

    private final JsonSchema parametersMetaSchema = JsonSchemas.load("capability-parameters-schema");
    private final AssistantCapabilityRepository capabilities;
    private final AssistantProfileService profiles;
    private final Transactions tx;
    private final ObjectMapper mapper;
    private final Validator validator;

    public AssistantCapabilityService(AssistantCapabilityRepository capabilities, AssistantProfileService profiles,
            Transactions tx, ObjectMapper mapper, Validator validator) {
        this.capabilities = capabilities;
        this.profiles = profiles;
        this.tx = tx;
        this.mapper = mapper;
        this.validator = validator;
    }

    public Uni<CapabilityPage> list(Caller caller, int profileId, int page, int size) {
        return tx.run(caller, () -> profiles.visible(profileId).chain(profile -> {
            var found = capabilities.find("profileId", Sort.by("name").and("id"), profileId).page(Page.of(page, size));
            return found.list().chain(list -> found.count().map(total -> new CapabilityPage(
                    list.stream().map(CapabilityResponse::of).toList(), page, size, total)));
        }));
    }

    public Uni<AssistantCapability> get(Caller caller, int profileId, int id) {
        return tx.run(caller, () -> profiles.visible(profileId).chain(() -> visible(profileId, id)));
    }

    public Uni<AssistantCapability> create(Caller caller, int profileId, CapabilityRequest request) {
        requireValid(request);
        AssistantCapability capability = new AssistantCapability();
        capability.profileId = profileId;
        apply(capability, request);
        return tx.run(caller, () -> profiles.visible(profileId)
                .chain(() -> capabilities.persist(capability))
                .chain(() -> Flush.andRefresh(capability)))
                .onFailure(DUPLICATE_NAME).transform(e -> duplicateName(request.name()));
    }

    /** Applies a JSON merge patch; the result must pass every check a new capability passes. */
    public Uni<AssistantCapability> update(Caller caller, int profileId, int id, ObjectNode patch) {
        return tx.run(caller, () -> visible(profileId, id).chain(capability -> {
            CapabilityRequest changed = MergePatch.apply(mapper, validator, requestOf(capability), patch,
                    CapabilityRequest.class);
            if (changed.enabled() == null) {
                throw ProblemException.invalid("enabled", "must be true or false");
            }
            requireValid(changed);
            apply(capability, changed);
            return Flush.andRefresh(capability);
        })).onFailure(DUPLICATE_NAME).transform(e -> duplicateName(String.valueOf(patch.path("name").asText())));
    }

    public Uni<Void> delete(Caller caller, int profileId, int id) {
        return tx.run(caller, () -> visible(profileId, id).chain(capabilities::delete)).replaceWithVoid();
    }

    private Uni<AssistantCapability> visible(int profileId, int id) {
        return capabilities.findInProfile(profileId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no such capability in this profile"));
    }

    private void requireValid(CapabilityRequest request) {
        JsonSchemas.require(OBJECT_ONLY, "parameters", request.parameters());
        if (request.parametersSchema() != null && !request.parametersSchema().isNull()) {
            JsonSchemas.require(parametersMetaSchema, "parametersSchema", request.parametersSchema());
            JsonSchemas.require(JsonSchemas.compile(request.parametersSchema()), "parameters", request.parameters());
        }
    }

    private CapabilityRequest requestOf(AssistantCapability c) {
        return new CapabilityRequest(c.name, c.description, c.version, mapper.valueToTree(c.parameters),
                c.parametersSchema == null ? null : mapper.valueToTree(c.parametersSchema), c.enabled);
    }

    private void apply(AssistantCapability capability, CapabilityRequest request) {
        capability.name = request.name();
        capability.description = request.description();
        capability.version = request.version();
        capability.parameters = mapper.convertValue(request.parameters(), AssistantProfileService.OBJECT);
        capability.parametersSchema = request.parametersSchema() == null || request.parametersSchema().isNull() ? null
                : mapper.convertValue(request.parametersSchema(), AssistantProfileService.OBJECT);
        capability.enabled = request.enabled() == null || request.enabled();
    }

    private static ProblemException duplicateName(String name) {
        return ProblemException.conflict("this profile already has a capability named \"" + name + "\"");
    }
}
