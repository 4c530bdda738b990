package app.faraday.assistant.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import app.faraday.assistant.UsageService;
import app.faraday.assistant.rest.dto.UsageCountResponse;
import app.faraday.assistant.rest.dto.UsageReport;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.security.Caller;
import app.faraday.kit.security.CurrentCaller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/assistant-profiles/{profileId}/usage")
@Cancellable(false) // a client hang-up must not cut a transaction short: docs/architecture.md
@Tag(name = "Assistant usage")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Caller.TEACHER, Caller.ADMIN })
@APIResponse(responseCode = "401", description = "Missing, expired or invalid token")
@APIResponse(responseCode = "404", description = "No such profile, or not visible to the caller")
public class UsageResource {

    private final UsageService usage;
    private final CurrentCaller caller;

    public UsageResource(UsageService usage, CurrentCaller caller) {
        this.usage = usage;
        this.caller = caller;
    }

    @POST
    @Operation(operationId = "recordAssistantUse", summary = "Count one use of the profile by the caller",
            description = "What the assistant runtime calls, with the teacher's token, before each use. Answers"
                    + " 429 with Retry-After (seconds until midnight UTC) once the caller has used up the profile's"
                    + " daily quota; the refused use is not counted.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = UsageCountResponse.class)))
    @APIResponse(responseCode = "409", description = "The profile is inactive (admins; teachers get 404)")
    @APIResponse(responseCode = "429", description = "Daily quota used up",
            headers = @Header(name = "Retry-After", description = "Seconds until the quota resets",
                    schema = @Schema(type = SchemaType.INTEGER)))
    public Uni<UsageCountResponse> record(@PathParam("profileId") int profileId) {
        return usage.record(caller.get(), profileId);
    }

    @GET
    @Operation(operationId = "getAssistantUsage", summary = "Uses of the profile per day",
            description = "Teachers see their own uses; admins see"
                    + " everyone's (users = how many used it that day), or one user's with userId. Default: the last 30"
                    + " days; at most 366 days per report.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = UsageReport.class)))
    @APIResponse(responseCode = "400", description = "Invalid dates or range")
    @APIResponse(responseCode = "403", description = "A teacher asking for another user's usage")
    public Uni<UsageReport> report(@PathParam("profileId") int profileId,
            @Parameter(description = "First day (UTC), YYYY-MM-DD",
                    example = "2026-11-01") @QueryParam("from") String from,
            @Parameter(description = "Last day (UTC), YYYY-MM-DD; default today",
                    example = "2026-11-27") @QueryParam("to") String to,
            @Parameter(description = "Admins: one user's uses only") @QueryParam("userId") String userId) {
        return usage.report(caller.get(), profileId, date("from", from), date("to", to), uuid(userId));
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("userId", "must be a UUID");
        }
    }

    private static LocalDate date(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date as YYYY-MM-DD");
        }
    }
}
