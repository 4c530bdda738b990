package app.faraday.kit.events;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import app.faraday.kit.security.Caller;
import app.faraday.kit.security.CurrentCaller;
import io.smallrye.mutiny.Uni;

/**
 * The feed of a service's outbox, for other services only (service tokens). A publishing service
 * subclasses it with {@code @Path("/internal/events")}; the gateway never routes {@code /internal}.
 * Delivery is at least once: consumers keep their cursor and apply events idempotently by eventId.
 */
public abstract class OutboxFeedResource {

    private final Outbox outbox;
    private final CurrentCaller caller;

    protected OutboxFeedResource(Outbox outbox, CurrentCaller caller) {
        this.outbox = outbox;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Caller.SERVICE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Events after a position, in commit order", description = "Service tokens only.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = FeedPage.class)))
    public Uni<FeedPage> events(@QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return outbox.read(caller.get(), after, limit);
    }
}
