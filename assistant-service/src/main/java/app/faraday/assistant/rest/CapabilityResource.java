package app.faraday.assistant.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import app.faraday.assistant.AssistantCapabilityService;
import app.faraday.assistant.rest.dto.CapabilityPage;
import app.faraday.assistant.rest.dto.CapabilityRequest;
import app.faraday.assistant.rest.dto.CapabilityResponse;
import app.faraday.kit.security.Caller;
import app.faraday.kit.security.CurrentCaller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/assistant-profiles/{profileId}/capabilities")
@Cancellable(false) // a client hang-up must not cut a transaction short: docs/architecture.md
@Tag(name = "Assistant capabilities")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, expired or invalid token")
@APIResponse(responseCode = "404", description = "No such profile or capability, or not visible to the caller")
public class CapabilityResource {

    static final String CAPABILITY_EXAMPLE = """
            {"name": "exercise_planning", "description": "Plans exercises at the class's level",
             "version": "1.0.0", "parameters": {"difficulty": "intermediate"},
             "parametersSchema": {"type": "object", "additionalProperties": false, "required": ["difficulty"],
               "properties": {"difficulty": {"type": "string", "enum": ["beginner", "intermediate", "advanced"]}}},
             "enabled": true}""";

    private final AssistantCapabilityService capabilities;
    private final CurrentCaller caller;

    public CapabilityResource(AssistantCapabilityService capabilities, CurrentCaller caller) {
        this.capabilities = capabilities;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Caller.TEACHER, Caller.ADMIN, Caller.SERVICE })
    @Operation(operationId = "listCapabilities", summary = "List a profile's capabilities",
            description = "Teachers see the enabled capabilities of"
                    + " active profiles; admins see all. Ordered by name.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CapabilityPage.class)))
    public Uni<CapabilityPage> list(@PathParam("profileId") int profileId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return capabilities.list(caller.get(), profileId, page, size);
    }

    @POST
    @RolesAllowed(Caller.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCapability", summary = "Add a capability",
            description = "The name is unique within the profile; version is a"
                    + " semantic version; parameters must match parametersSchema when one is given, and"
                    + " parametersSchema must fit the CapabilityParametersSchema subset of JSON Schema.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "exercise planning", value = CAPABILITY_EXAMPLE)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = CapabilityResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid input")
    @APIResponse(responseCode = "403", description = "Admins only")
    @APIResponse(responseCode = "409", description = "The profile has a capability with this name")
    public Uni<RestResponse<CapabilityResponse>> create(@PathParam("profileId") int profileId,
            @Valid @NotNull CapabilityRequest request) {
        return capabilities.create(caller.get(), profileId, request).map(c -> RestResponse.ResponseBuilder
                .<CapabilityResponse>created(URI.create("/api/v1/assistant-profiles/" + profileId
                        + "/capabilities/" + c.id))
                .entity(CapabilityResponse.of(c)).build());
    }

    @GET
    @Path("/{capabilityId}")
    @RolesAllowed({ Caller.TEACHER, Caller.ADMIN, Caller.SERVICE })
    @Operation(operationId = "getCapability", summary = "Read a capability")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CapabilityResponse.class)))
    public Uni<CapabilityResponse> get(@PathParam("profileId") int profileId, @PathParam("capabilityId") int id) {
        return capabilities.get(caller.get(), profileId, id).map(CapabilityResponse::of);
    }

    @PATCH
    @Path("/{capabilityId}")
    @RolesAllowed(Caller.ADMIN)
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(operationId = "updateCapability", summary = "Change a capability",
            description = "A JSON merge patch (RFC 7396); the result is"
                    + " validated as a new capability would be.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Object.class), examples = {
            @ExampleObject(name = "new version",
                    value = "{\"version\": \"1.1.0\", \"parameters\": {\"difficulty\": \"advanced\"}}"),
            @ExampleObject(name = "disable", value = "{\"enabled\": false}") }))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CapabilityResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid input")
    @APIResponse(responseCode = "403", description = "Admins only")
    @APIResponse(responseCode = "409", description = "The profile has a capability with the new name")
    public Uni<CapabilityResponse> update(@PathParam("profileId") int profileId, @PathParam("capabilityId") int id,
            @NotNull ObjectNode patch) {
        return capabilities.update(caller.get(), profileId, id, patch).map(CapabilityResponse::of);
    }

    @DELETE
    @Path("/{capabilityId}")
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "deleteCapability", summary = "Delete a capability")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Admins only")
    public Uni<Void> delete(@PathParam("profileId") int profileId, @PathParam("capabilityId") int id) {
        return capabilities.delete(caller.get(), profileId, id);
    }
}
