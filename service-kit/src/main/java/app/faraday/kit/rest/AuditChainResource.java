package app.faraday.kit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import app.faraday.kit.db.AuditTrail;
import app.faraday.kit.security.Caller;
import app.faraday.kit.security.CurrentCaller;
import io.smallrye.mutiny.Uni;

/**
 * Verification of a service's audit hash chain, for admins. A service subclasses it with its own
 * {@code @Path} (e.g. {@code /api/v1/users/audit-chain}), so the gateway's routes reach it.
 */
public abstract class AuditChainResource {

    private final AuditTrail audit;
    private final CurrentCaller caller;

    protected AuditChainResource(AuditTrail audit, CurrentCaller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Caller.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify this service's audit trail",
            description = "Recomputes the hash chain of every audit row; reports the first row that was altered,"
                    + " removed or reordered.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = AuditTrail.Verification.class)))
    @APIResponse(responseCode = "403", description = "Admins only")
    public Uni<AuditTrail.Verification> verify() {
        return audit.verify(caller.get());
    }
}
