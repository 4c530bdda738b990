package app.faraday.kit.db;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import app.faraday.kit.security.Caller;
import io.smallrye.mutiny.Uni;

/** Verifies the hash chain of the service's {@code audit_log} (see db/kit/V0_1__kit_security.sql). */
@ApplicationScoped
public class AuditTrail {

    private final Transactions tx;
    private final String query;

    public AuditTrail(Transactions tx,
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.tx = tx;
        this.query = "select valid, rows_checked, first_invalid_seq from " + schema + ".audit_verify()";
    }

    @Schema(name = "AuditVerification")
    public record Verification(
            @Schema(description = "true when every row links to the one before and its hash matches its content")
            boolean valid,
            @Schema(examples = "1532") long rowsChecked,
            @Schema(description = "the first row that does not match, when not valid", nullable = true)
            Long firstInvalidSeq) {
    }

    /** Recomputes the whole chain in the database, as the caller (who must be an admin). */
    public Uni<Verification> verify(Caller caller) {
        return tx.runWithSession(caller, session -> session
                .createNativeQuery(query, Object[].class)
                .getSingleResult()
                .map(row -> new Verification((Boolean) row[0], ((Number) row[1]).longValue(),
                        row[2] == null ? null : ((Number) row[2]).longValue())));
    }
}
