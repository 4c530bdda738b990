package app.faraday.content.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import app.faraday.content.LessonHistoryService;
import app.faraday.content.rest.dto.LessonResponse;
import app.faraday.content.rest.dto.LessonVersion;
import app.faraday.kit.security.Caller;
import app.faraday.kit.security.CurrentCaller;
import app.faraday.kit.web.ETags;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/lessons/{id}/versions")
@Cancellable(false) // a client hang-up must not cut a transaction short: docs/architecture.md
@Tag(name = "Lesson history")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Caller.TEACHER, Caller.ADMIN })
@APIResponse(responseCode = "403", description = "Not the owner (history may hold unpublished drafts)")
@APIResponse(responseCode = "404", description = "No such lesson or version, or not visible to the caller")
public class LessonHistoryResource {

    private final LessonHistoryService history;
    private final CurrentCaller caller;

    public LessonHistoryResource(LessonHistoryService history, CurrentCaller caller) {
        this.history = history;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listLessonVersions", summary = "Every version of the lesson",
            description = "The current version first, then the earlier ones: each with who made it, when, and"
                    + " which fields it changed from the one before (none for version 1, the creation).")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = LessonVersion.class)))
    public Uni<List<LessonVersion>> versions(@PathParam("id") int id) {
        return history.versions(caller.get(), id);
    }

    @GET
    @Path("/{n}")
    @Operation(operationId = "getLessonVersion", summary = "One version as it was")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LessonVersion.class)))
    public Uni<LessonVersion> version(@PathParam("id") int id, @PathParam("n") int n) {
        return history.version(caller.get(), id, n);
    }

    @POST
    @Path("/{n}/restore")
    @Operation(operationId = "restoreLessonVersion", summary = "Restore a version",
            description = "Makes a new version with the content of version n"
                    + " (status and assistant profile stay as they are). Requires If-Match with the current ETag.")
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = LessonResponse.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<RestResponse<LessonResponse>> restore(@PathParam("id") int id, @PathParam("n") int n,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        int expected = ETags.ifMatch(ifMatch);
        return history.restore(caller.get(), id, n, expected)
                .map(l -> LessonResource.withETag(RestResponse.ResponseBuilder.<LessonResponse>ok(), l));
    }
}
