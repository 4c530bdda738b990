package app.faraday.kit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import app.faraday.kit.audit.AuditTrail;
import app.faraday.kit.security.Caller;
import io.smallrye.mutiny.Uni;

/**
 * The head of the service's audit chain, for a system outside the database to record (anchor) and
 * compare later: a chain that no longer holds a recorded head was rewritten or cut short. Every
 * service has it at the same path; the gateway never routes {@code /internal}.
 */
@Path("/internal/audit-head")
@Cancellable(false)
@Tag(name = "Administration")
@SecurityRequirement(name = "bearer")
public class AuditHeadResource {

    private final AuditTrail trail;

    public AuditHeadResource(AuditTrail trail) {
        this.trail = trail;
    }

    @GET
    @RolesAllowed({ Caller.ADMIN, Caller.SERVICE })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The audit chain's head", description = "Admins and service tokens.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AuditTrail.Head.class)))
    @APIResponse(responseCode = "403", description = "Neither an admin nor a service")
    public Uni<AuditTrail.Head> head() {
        return trail.head();
    }
}
