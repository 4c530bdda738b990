package app.faraday.user.rest;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import app.faraday.kit.audit.AuditEntries;
import app.faraday.kit.audit.AuditVerifier;
import app.faraday.kit.rest.AuditChainResource;
import app.faraday.kit.security.CurrentCaller;

/** Verification of user-service's audit trail. */
@Path("/api/v1/users/audit-chain")
@Cancellable(false) // a client hang-up must not cut a transaction short: docs/architecture.md
@Tag(name = "Administration")
@SecurityRequirement(name = "bearer")
public class AuditResource extends AuditChainResource {

    public AuditResource(AuditVerifier audit, AuditEntries entries, CurrentCaller caller) {
        super(audit, entries, caller);
    }
}
