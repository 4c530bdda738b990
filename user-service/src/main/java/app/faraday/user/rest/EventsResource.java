package app.faraday.user.rest;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import app.faraday.kit.events.Outbox;
import app.faraday.kit.rest.OutboxFeedResource;
import app.faraday.kit.security.CurrentCaller;

/** user-service's deletion feed ({@code user.deleted}), for the services that hold users' data. */
@Path("/internal/events")
@Cancellable(false) // a client hang-up must not cut a transaction short: docs/architecture.md
@Tag(name = "Internal")
@SecurityRequirement(name = "bearer")
public class EventsResource extends OutboxFeedResource {

    public EventsResource(Outbox outbox, CurrentCaller caller) {
        super(outbox, caller);
    }
}
