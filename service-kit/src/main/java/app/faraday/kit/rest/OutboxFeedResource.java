package app.faraday.kit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import app.faraday.kit.error.ProblemException;
import app.faraday.kit.events.FeedPage;
import app.faraday.kit.events.Outbox;
import app.faraday.kit.security.Caller;
import app.faraday.kit.security.CurrentCaller;
import io.smallrye.mutiny.Uni;

/**
 * The feed of a service's outbox, for other services only: service tokens whose scope names this feed
 * ({@code feed:<this service's quarkus.application.name>}, given to a client in user-service's
 * {@code FARADAY_SERVICE_CLIENTS}). A publishing service subclasses it with {@code @Path("/internal/events")};
 * the gateway never routes {@code /internal}. Delivery is at least once: consumers keep their cursor
 * and apply events idempotently by eventId.
 */
public abstract class OutboxFeedResource {

    private final Outbox outbox;
    private final CurrentCaller caller;

    private final String scope;

    protected OutboxFeedResource(Outbox outbox, CurrentCaller caller) {
        this.outbox = outbox;
        this.caller = caller;
        this.scope = "feed:" + ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
    }

    @GET
    @RolesAllowed(Caller.SERVICE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Events after a position, in commit order", description = "Service tokens whose scope"
            + " names this feed only (feed:<service>).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = FeedPage.class)))
    @APIResponse(responseCode = "403", description = "Not a service token, or one not scoped to this feed")
    public Uni<FeedPage> events(@QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        if (!caller.hasScope(scope)) {
            throw ProblemException.forbidden("this service token is not scoped to read this feed (" + scope + ")");
        }
        return outbox.read(caller.get(), after, limit);
    }
}
