package app.faraday.assistant.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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

import app.faraday.assistant.AssistantProfileService;
import app.faraday.assistant.rest.dto.ProfilePage;
import app.faraday.assistant.rest.dto.ProfileRequest;
import app.faraday.assistant.rest.dto.ProfileResponse;
import app.faraday.kit.security.Caller;
import app.faraday.kit.security.CurrentCaller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/assistant-profiles")
@Cancellable(false) // a client hang-up must not cut a transaction short: docs/architecture.md
@Tag(name = "Assistant profiles")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, expired or invalid token")
public class ProfileResource {

    static final String PROFILE_EXAMPLE = """
            {"name": "PE Coach", "description": "Movement, fitness and sports; encouraging.",
             "modelVersion": "faraday-coach-2026.1",
             "configuration": {"temperature": 0.7, "topP": 1.0, "maxContextLength": 4096, "frequencyPenalty": 0,
               "presencePenalty": 0, "stopSequences": [], "focusAreas": ["movement", "fitness", "sports"],
               "style": "encouraging"},
             "active": true}""";

    private final AssistantProfileService profiles;
    private final CurrentCaller caller;

    public ProfileResource(AssistantProfileService profiles, CurrentCaller caller) {
        this.profiles = profiles;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Caller.TEACHER, Caller.ADMIN })
    @Operation(operationId = "listAssistantProfiles", summary = "List assistant profiles",
            description = "Teachers see active profiles only; admins see"
                    + " all, or filter with active=true|false. Ordered by name.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProfilePage.class)))
    public Uni<ProfilePage> list(
            @QueryParam("active") @Pattern(regexp = "^(true|false)$", message = "must be true or false") String active,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return profiles.list(caller.get(), active == null ? null : Boolean.valueOf(active), page, size);
    }

    @POST
    @RolesAllowed(Caller.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createAssistantProfile", summary = "Create an assistant profile",
            description = "The name is unique (case-insensitive);"
                    + " configuration must match the AssistantConfiguration schema, unknown keys are refused.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "PE Coach", value = PROFILE_EXAMPLE)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ProfileResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid input, including each broken configuration rule")
    @APIResponse(responseCode = "403", description = "Admins only")
    @APIResponse(responseCode = "409", description = "A profile with this name exists")
    public Uni<RestResponse<ProfileResponse>> create(@Valid @NotNull ProfileRequest request) {
        return profiles.create(caller.get(), request).map(p -> RestResponse.ResponseBuilder
                .<ProfileResponse>created(URI.create("/api/v1/assistant-profiles/" + p.id))
                .entity(ProfileResponse.of(p)).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Caller.TEACHER, Caller.ADMIN, Caller.SERVICE })
    @Operation(operationId = "getAssistantProfile", summary = "Read an assistant profile",
            description = "Teachers get 404 for an inactive profile.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProfileResponse.class)))
    @APIResponse(responseCode = "404", description = "No such profile, or not visible to the caller")
    public Uni<ProfileResponse> get(@PathParam("id") int id) {
        return profiles.get(caller.get(), id).map(ProfileResponse::of);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Caller.ADMIN)
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(operationId = "updateAssistantProfile", summary = "Change an assistant profile",
            description = "A JSON merge patch (RFC 7396): omitted"
                    + " fields stay, null removes an optional field, configuration merges key by key. The result is"
                    + " validated as a new profile would be.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Object.class), examples = {
            @ExampleObject(name = "deactivate", value = "{\"active\": false}"),
            @ExampleObject(name = "cooler and shorter",
                    value = "{\"configuration\": {\"temperature\": 0.3, \"maxOutputTokens\": 512}}") }))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProfileResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid input")
    @APIResponse(responseCode = "403", description = "Admins only")
    @APIResponse(responseCode = "404", description = "No such profile")
    @APIResponse(responseCode = "409", description = "A profile with the new name exists")
    public Uni<ProfileResponse> update(@PathParam("id") int id, @NotNull ObjectNode patch) {
        return profiles.update(caller.get(), id, patch).map(ProfileResponse::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "deleteAssistantProfile", summary = "Delete an assistant profile",
            description = "Its capabilities and usage go with it."
                    + " The deletion is published to the other services: memories made under the profile are deleted,"
                    + " lessons keep their content and lose the reference.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Admins only")
    @APIResponse(responseCode = "404", description = "No such profile")
    public Uni<Void> delete(@PathParam("id") int id) {
        return profiles.delete(caller.get(), id);
    }
}
