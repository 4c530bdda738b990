package app.faraday.user.rest;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.faraday.kit.events.Outbox;
import app.faraday.kit.events.OutboxFeedResource;
import app.faraday.kit.security.CurrentCaller;

/** user-service's deletion feed ({@code user.deleted}), for the services that hold users' data. */
@Path("/internal/events")
@Tag(name = "Internal")
@SecurityRequirement(name = "bearer")
public class EventsResource extends OutboxFeedResource {

    public EventsResource(Outbox outbox, CurrentCaller caller) {
        super(outbox, caller);
    }
}
