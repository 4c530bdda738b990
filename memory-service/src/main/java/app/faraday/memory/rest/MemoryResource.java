package app.faraday.memory.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import app.faraday.kit.error.ProblemException;
import app.faraday.kit.security.Caller;
import app.faraday.kit.security.CurrentCaller;
import app.faraday.kit.web.ETags;
import app.faraday.memory.MemoryService;
import app.faraday.memory.Recall;
import app.faraday.memory.rest.dto.MemoryPage;
import app.faraday.memory.rest.dto.MemoryRequest;
import app.faraday.memory.rest.dto.MemoryResponse;
import app.faraday.memory.rest.dto.RecallRequest;
import app.faraday.memory.rest.dto.RecallResponse;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/memories")
@Cancellable(false) // a client hang-up must not cut a transaction short: docs/architecture.md
@Tag(name = "Memories")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Caller.TEACHER, Caller.ADMIN })
public class MemoryResource {

    static final String MEMORY_EXAMPLE = """
            {"assistantProfileId": 1, "content": "Strong interest in basketball; prefers station rotations",
             "context": {"source": "lesson_planning", "gradeLevel": "4", "tags": ["basketball"]},
             "importance": 0.8, "category": "preferences"}""";
    static final String SENSITIVE_EXAMPLE = """
            {"assistantProfileId": 2, "content": "Recovering from knee surgery; avoid demonstrating jumps until May",
             "importance": 0.9, "category": "health_habits", "sensitive": true,
             "expiresAt": "2027-05-31T00:00:00Z"}""";

    static final String RECALL_EXAMPLE = """
            {"assistantProfileId": 1, "query": "what should happen at the start of a session?", "limit": 5}""";

    private final MemoryService memories;
    private final Recall recall;
    private final CurrentCaller caller;

    public MemoryResource(MemoryService memories, Recall recall, CurrentCaller caller) {
        this.memories = memories;
        this.recall = recall;
        this.caller = caller;
    }

    @POST
    @Path("recall")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recallMemories", summary = "Recall what answers a query, by meaning",
            description = "For assistant runtimes: the caller's memories under the profile, best first, each with"
                    + " its score and the signals it came from (meaning, keywords, importance, recency, feedback)."
                    + " Meaning comes from an embedding model in the service; until it is loaded, or when embeddings"
                    + " are off, ranking is by keywords (ranking: keyword, with a note why). Counts as a read of each"
                    + " memory returned. Never another teacher's memory, never an expired one.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "start of a session", value = RECALL_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The best memories, best first",
            content = @Content(schema = @Schema(implementation = RecallResponse.class)))
    public Uni<RecallResponse> recall(@NotNull @Valid RecallRequest request) {
        return recall.recall(caller.get(), request);
    }

    @GET
    @Operation(operationId = "listMemories", summary = "List or rank the caller's memories",
            description = "Only the caller's own, never an expired one. q matches words (web-search syntax for"
                    + " readable memories; whole words for sensitive ones, through their blind index)."
                    + " sort=recent (default) orders by last change; sort=relevance ranks by text match, importance,"
                    + " recency and feedback together, and counts as a read of each memory returned. With q and the"
                    + " embedding model ready, sort=relevance ranks as recall does: by meaning too, listing the"
                    + " memories that share a word with q or come close to it in meaning.")
    @APIResponse(responseCode = "200", description = "A page of memories",
            content = @Content(schema = @Schema(implementation = MemoryPage.class)))
    public Uni<MemoryPage> list(
            @QueryParam("assistantProfileId") @Min(1) Integer assistantProfileId,
            @Parameter(example = "preferences") @QueryParam("category")
            @Pattern(regexp = "^[a-z][a-z0-9_]{0,39}$", message = "must be one of the configured categories")
            String category,
            @Parameter(example = "basketball stations") @QueryParam("q") @Size(max = 200) String q,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = { "recent", "relevance" }))
            @QueryParam("sort") @DefaultValue("recent")
            @Pattern(regexp = "^(recent|relevance)$", message = "must be recent or relevance") String sort,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        if ((long) (page + 1) * size > 10_000) {
            throw ProblemException.invalid("page", "pages reach the first 10,000 memories; narrow the list with"
                    + " assistantProfileId, category or q");
        }
        MemoryService.Filters filters = new MemoryService.Filters(assistantProfileId, category, q);
        return "relevance".equals(sort) ? recall.list(caller.get(), filters, page, size)
                : memories.list(caller.get(), filters, MemoryService.Sort.RECENT, page, size);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createMemory", summary = "Remember something",
            description = "Under an active assistant profile (422 otherwise, 503 while assistant-service cannot be"
                    + " asked). An exact duplicate of an active memory (same profile; content equal after trimming,"
                    + " case-folding and collapsing spaces) is 409 naming the existing one, never a merge.")
    @RequestBody(content = @Content(examples = {
        @ExampleObject(name = "preference", value = MEMORY_EXAMPLE),
        @ExampleObject(name = "sensitive, until May", value = SENSITIVE_EXAMPLE) }))
    @APIResponse(responseCode = "201", description = "Remembered",
            headers = @Header(name = "ETag", description = "The version, quoted",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = MemoryResponse.class)))
    @APIResponse(responseCode = "409", description = "A duplicate of an existing memory, or the per-profile limit")
    @APIResponse(responseCode = "422", description = "No active assistant profile with that id")
    @APIResponse(responseCode = "503", description = "assistant-service unavailable")
    public Uni<RestResponse<MemoryResponse>> create(@Valid @NotNull MemoryRequest request) {
        return memories.create(caller.get(), caller.authorization(), request)
                .map(m -> withETag(RestResponse.ResponseBuilder
                        .<MemoryResponse>created(URI.create("/api/v1/memories/" + m.id())), m));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getMemory", summary = "Read a memory",
            description = "The caller's own only (404 for anyone else's, admins included). Counts as a read.")
    @APIResponse(responseCode = "200", description = "The memory",
            headers = @Header(name = "ETag", description = "The version, quoted",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = MemoryResponse.class)))
    public Uni<RestResponse<MemoryResponse>> get(@PathParam("id") long id) {
        return memories.get(caller.get(), id).map(m -> withETag(RestResponse.ResponseBuilder.<MemoryResponse>ok(), m));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(operationId = "updateMemory", summary = "Change a memory",
            description = "A JSON merge patch (RFC 7396) of content, context, importance, category, sensitive and"
                    + " expiresAt; requires If-Match with the ETag you read.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Object.class),
            examples = @ExampleObject(name = "less important", value = "{\"importance\": 0.4}")))
    @APIResponse(responseCode = "200", description = "Changed",
            headers = @Header(name = "ETag", description = "The new version, quoted",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = MemoryResponse.class)))
    @APIResponse(responseCode = "409", description = "The new content duplicates another memory")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<RestResponse<MemoryResponse>> patch(@PathParam("id") long id,
            @Parameter(description = "The ETag as read, e.g. \"3\"", required = true)
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull ObjectNode patch) {
        int expected = ETags.ifMatch(ifMatch);
        return memories.patch(caller.get(), id, expected, patch)
                .map(m -> withETag(RestResponse.ResponseBuilder.<MemoryResponse>ok(), m));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteMemory", summary = "Forget a memory", description = "With its interactions.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Void> delete(@PathParam("id") long id) {
        return memories.delete(caller.get(), id);
    }

    static RestResponse<MemoryResponse> withETag(RestResponse.ResponseBuilder<MemoryResponse> builder,
            MemoryResponse memory) {
        return builder.header(HttpHeaders.ETAG, ETags.etag(memory.version())).entity(memory).build();
    }
}
