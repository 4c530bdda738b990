package app.faraday.memory.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

import app.faraday.kit.security.Caller;
import app.faraday.kit.security.CurrentCaller;
import app.faraday.memory.InteractionService;
import app.faraday.memory.rest.dto.InteractionPage;
import app.faraday.memory.rest.dto.InteractionRequest;
import app.faraday.memory.rest.dto.InteractionResponse;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/memories/{id}/interactions")
@Cancellable(false) // a client hang-up must not cut a transaction short: docs/architecture.md
@Tag(name = "Memories")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Caller.TEACHER, Caller.ADMIN })
public class InteractionResource {

    private final InteractionService interactions;
    private final CurrentCaller caller;

    public InteractionResource(InteractionService interactions, CurrentCaller caller) {
        this.interactions = interactions;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listMemoryInteractions", summary = "A memory's history, newest first",
            description = "created and updated as the service recorded them, and every feedback. Owner only.")
    @APIResponse(responseCode = "200", description = "A page of interactions",
            content = @Content(schema = @Schema(implementation = InteractionPage.class)))
    public Uni<InteractionPage> list(@PathParam("id") long id,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return interactions.list(caller.get(), id, page, size);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addMemoryInteraction", summary = "Record feedback on a memory",
            description = "From an assistant runtime or the teacher: its success rate is part of the memory's"
                    + " relevance, and a successful use (default types used and confirmed) restarts its recency.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "used while planning",
            value = "{\"type\": \"used\", \"success\": true, \"context\": {\"source\": \"lesson_planning\"}}")))
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = InteractionResponse.class)))
    public Uni<RestResponse<InteractionResponse>> add(@PathParam("id") long id,
            @Valid @NotNull InteractionRequest request) {
        return interactions.add(caller.get(), id, request)
                .map(i -> RestResponse.ResponseBuilder.<InteractionResponse>create(RestResponse.Status.CREATED)
                        .entity(i).build());
    }
}
