package app.faraday.content.rest;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
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

import app.faraday.content.Lesson;
import app.faraday.content.LessonService;
import app.faraday.content.rest.dto.LessonPage;
import app.faraday.content.rest.dto.LessonRequest;
import app.faraday.content.rest.dto.LessonResponse;
import app.faraday.content.rest.dto.StatusRequest;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.security.Caller;
import app.faraday.kit.security.CurrentCaller;
import app.faraday.kit.web.ETags;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/lessons")
@Cancellable(false) // a client hang-up must not cut a transaction short: docs/architecture.md
@Tag(name = "Lessons")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Caller.TEACHER, Caller.ADMIN })
@APIResponse(responseCode = "401", description = "Missing, expired or invalid token")
public class LessonResource {

    static final String LESSON_EXAMPLE = """
            {"title": "Kindergarten Movement Basics", "content": "Students explore walking, hopping and galloping.",
             "subjectCategoryId": 2, "assistantProfileId": 1, "gradeLevel": "K", "week": 3,
             "contentArea": "Fundamental Movement",
             "lessonData": {"objectives": ["Move safely in general space"],
               "activities": [{"name": "Cone maze locomotion", "minutes": 15, "grouping": "small-groups"}],
               "equipment": ["cones", "bean bags"], "safetyNotes": ["Keep a body-length apart"],
               "assessment": {"method": "observation", "criteria": ["Stops on the signal"]}}}""";

    private final LessonService lessons;
    private final CurrentCaller caller;

    public LessonResource(LessonService lessons, CurrentCaller caller) {
        this.lessons = lessons;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listLessons", summary = "Search lessons",
            description = "The caller's own lessons and everyone's published ones."
                    + " q searches title, content and lesson data (web-search syntax: words, \"phrases\", -excluded,"
                    + " or); results are then ordered by relevance, otherwise by last change.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LessonPage.class)))
    public Uni<LessonPage> list(
            @QueryParam("gradeLevel") @Pattern(regexp = "^(K|[1-9]|1[0-2])$",
                    message = "must be K or 1 to 12") String gradeLevel,
            @QueryParam("week") @Min(1) @Max(53) Integer week,
            @QueryParam("status") @Pattern(regexp = "^(draft|review|published|archived)$",
                    message = "must be draft, review, published or archived") String status,
            @QueryParam("subjectCategoryId") @Min(1) Integer subjectCategoryId,
            @Parameter(example = "cones relay") @QueryParam("q") @Size(max = 200) String q,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        if ((long) (page + 1) * size > 10_000) {
            // As far as totals are counted: deeper offsets would make PostgreSQL read and drop every row before them.
            throw ProblemException.invalid("page",
                    "pages reach the first 10,000 lessons; narrow the list with filters or q");
        }
        return lessons.list(caller.get(),
                new LessonService.Filters(gradeLevel, week, status, subjectCategoryId, q), page, size);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createLesson", summary = "Write a lesson",
            description = "Starts as a draft owned by the caller. lessonData must match"
                    + " the LessonData schema; an assistantProfileId must name an active profile (422 otherwise, 503"
                    + " while assistant-service cannot be asked).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "kindergarten", value = LESSON_EXAMPLE)))
    @APIResponse(responseCode = "201", headers = @Header(name = "ETag", description = "The version, quoted"),
            content = @Content(schema = @Schema(implementation = LessonResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid input")
    @APIResponse(responseCode = "422", description = "No active assistant profile with that id")
    @APIResponse(responseCode = "503", description = "assistant-service unavailable")
    public Uni<RestResponse<LessonResponse>> create(@Valid @NotNull LessonRequest request) {
        return lessons.create(caller.get(), caller.authorization(), request)
                .map(l -> withETag(RestResponse.ResponseBuilder
                        .<LessonResponse>created(URI.create("/api/v1/lessons/" + l.id)), l));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getLesson", summary = "Read a lesson",
            description = "Own lessons, and published ones of others.")
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag", description = "The version, quoted"),
            content = @Content(schema = @Schema(implementation = LessonResponse.class)))
    @APIResponse(responseCode = "404", description = "No such lesson, or not visible to the caller")
    public Uni<RestResponse<LessonResponse>> get(@PathParam("id") int id) {
        return lessons.get(caller.get(), id).map(l -> withETag(RestResponse.ResponseBuilder.<LessonResponse>ok(), l));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceLesson", summary = "Replace a lesson",
            description = "Owner only; requires If-Match with the ETag you read."
                    + " 412 when someone changed it since, 428 without If-Match.")
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = LessonResponse.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<RestResponse<LessonResponse>> replace(@PathParam("id") int id,
            @Parameter(description = "The ETag as read, e.g. \"3\"",
                    required = true) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull LessonRequest request) {
        int expected = ETags.ifMatch(ifMatch);
        return lessons.replace(caller.get(), caller.authorization(), id, expected, request)
                .map(l -> withETag(RestResponse.ResponseBuilder.<LessonResponse>ok(), l));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(operationId = "updateLesson", summary = "Change part of a lesson",
            description = "A JSON merge patch (RFC 7396); owner only;"
                    + " requires If-Match. The result is validated as a whole lesson.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Object.class),
            examples = @ExampleObject(name = "retitle", value = "{\"title\": \"Kindergarten Movement Basics II\"}")))
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = LessonResponse.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<RestResponse<LessonResponse>> patch(@PathParam("id") int id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull ObjectNode patch) {
        int expected = ETags.ifMatch(ifMatch);
        return lessons.patch(caller.get(), caller.authorization(), id, expected, patch)
                .map(l -> withETag(RestResponse.ResponseBuilder.<LessonResponse>ok(), l));
    }

    @POST
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeLessonStatus", summary = "Move a lesson along its workflow",
            description = "draft → review → published → archived,"
                    + " review → draft, archived → draft; anything else is 409. Owner only. If-Match is optional here.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "submit for review",
            value = "{\"status\": \"review\"}")))
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = LessonResponse.class)))
    @APIResponse(responseCode = "409", description = "Not an allowed move")
    public Uni<RestResponse<LessonResponse>> status(@PathParam("id") int id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull StatusRequest request) {
        Integer expected = ifMatch == null ? null : ETags.ifMatch(ifMatch);
        return lessons.changeStatus(caller.get(), id, expected, request.status())
                .map(l -> withETag(RestResponse.ResponseBuilder.<LessonResponse>ok(), l));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteLesson", summary = "Delete a lesson",
            description = "Owner or admin; its history goes with it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not the owner")
    @APIResponse(responseCode = "404", description = "No such lesson, or not visible to the caller")
    public Uni<Void> delete(@PathParam("id") int id) {
        return lessons.delete(caller.get(), id);
    }

    static RestResponse<LessonResponse> withETag(RestResponse.ResponseBuilder<LessonResponse> builder, Lesson lesson) {
        return builder.header(HttpHeaders.ETAG, ETags.etag(lesson.version)).entity(LessonResponse.of(lesson)).build();
    }
}
