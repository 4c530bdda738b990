package app.faraday.user.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.Cancellable;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.faraday.kit.db.AuditTrail;
import app.faraday.kit.error.Problem;
import app.faraday.kit.security.Caller;
import app.faraday.kit.security.CurrentCaller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/users/audit-chain")
@Cancellable(false) // a client hang-up must not cut a transaction short: docs/architecture.md
@Tag(name = "Administration")
@RolesAllowed(Caller.ADMIN)
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditTrail audit;
    private final CurrentCaller caller;

    public AuditResource(AuditTrail audit, CurrentCaller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Verify the audit trail of user-service",
            description = "Recomputes the hash chain of every audit row; reports the first row that was altered,"
                    + " removed or reordered.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AuditTrail.Verification.class)))
    @APIResponse(responseCode = "403", description = "Admins only",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AuditTrail.Verification> verify() {
        return audit.verify(caller.get());
    }
}
