package app.faraday.kit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import app.faraday.kit.audit.AuditVerifier;
import app.faraday.kit.security.Caller;
import app.faraday.kit.security.CurrentCaller;
import io.smallrye.mutiny.Uni;

/**
 * Verification of a service's audit chain, for admins. A service subclasses it with its own
 * {@code @Path} (e.g. {@code /api/v1/users/audit-chain}), so the gateway's routes reach it.
 */
public abstract class AuditChainResource {

    private final AuditVerifier verifier;
    private final CurrentCaller caller;

    protected AuditChainResource(AuditVerifier verifier, CurrentCaller caller) {
        this.verifier = verifier;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Caller.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify this service's audit trail",
            description = "Checks the keyed seal of every audit entry sealed since the last verification (or of"
                    + " every entry, with full=true); reports the first position that was altered, removed,"
                    + " reordered, re-sealed without the key or cut off, and how many entries wait for their seal.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = AuditVerifier.Verification.class)))
    @APIResponse(responseCode = "403", description = "Admins only")
    public Uni<AuditVerifier.Verification> verify(@Parameter(description = "from the first seal rather than from"
            + " the last checkpoint") @QueryParam("full") @DefaultValue("false") boolean full) {
        return verifier.verify(caller.get(), full);
    }
}
