package app.faraday.kit.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import app.faraday.kit.audit.AuditEntries;
import app.faraday.kit.audit.AuditVerifier;
import app.faraday.kit.security.Caller;
import app.faraday.kit.security.CurrentCaller;
import io.smallrye.mutiny.Uni;

/**
 * A service's audit trail for admins: verification of its chain, and its entries. A service subclasses it with its own
 * {@code @Path} (e.g. {@code /api/v1/users/audit-chain}), so the gateway's routes reach it.
 */
public abstract class AuditChainResource {

    private final AuditVerifier verifier;
    private final AuditEntries entries;
    private final CurrentCaller caller;

    protected AuditChainResource(AuditVerifier verifier, AuditEntries entries, CurrentCaller caller) {
        this.verifier = verifier;
        this.entries = entries;
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

    @GET
    @Path("entries")
    @RolesAllowed(Caller.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read this service's audit trail",
            description = "Entries oldest first, each with its place in the chain (null until sealed). A living"
                    + " person's values are shown decrypted; an erased person's read \"[erased]\".")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = AuditEntries.Page.class)))
    @APIResponse(responseCode = "400", description = "A parameter that does not parse or is out of range")
    @APIResponse(responseCode = "403", description = "Admins only")
    public Uni<AuditEntries.Page> entries(
            @Parameter(description = "only entries holding this person's data") @QueryParam("subject") UUID subject,
            @Parameter(description = "only entries of this table") @QueryParam("table") @Size(max = 63) String table,
            @Parameter(description = "only entries of this row") @QueryParam("rowId") @Size(max = 200) String rowId,
            @Parameter(description = "the nextAfter of the previous page") @QueryParam("after") @DefaultValue("0")
            @Min(0) long after,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return entries.read(caller.get(), subject, table, rowId, after, limit);
    }
}
