package app.faraday.kit.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import app.faraday.kit.crypto.SubjectKeys;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.security.Caller;
import io.smallrye.mutiny.Uni;

/**
 * The audit trail as an admin reads it: each entry with its place in the chain (none yet: unsealed), and
 * its personal values back in place, decrypted with the subject's key, or {@code "[erased]"} once that
 * key was shredded. Personal values of an entry without a subject were never kept ({@code "[personal]"}).
 */
@ApplicationScoped
public class AuditEntries {

    static final TextNode PERSONAL = TextNode.valueOf("[personal]");
    static final TextNode UNREADABLE = TextNode.valueOf("[unreadable]");
    /** Where the query puts whose the entry is, its parked values, and its sealed ones. */
    private static final int SUBJECT = 1 + AuditTrail.ENTRY_WIDTH;
    private static final int PENDING = SUBJECT + 1;
    private static final int SEALED = SUBJECT + 2;
    static final TextNode ERASED = TextNode.valueOf("[erased]");

    private final Transactions tx;
    private final SubjectKeys keys;
    private final ObjectMapper json;
    private final String schema;
    private final String query;

    public AuditEntries(Transactions tx, SubjectKeys keys, ObjectMapper json, AuditTrail trail) {
        this.tx = tx;
        this.keys = keys;
        this.json = json;
        this.schema = trail.schema();
        this.query = "select s.seq, " + AuditTrail.ENTRY_COLUMNS + ", cast(coalesce(s.subject, p.subject) as text),"
                + " cast(p.personal as text), s.personal from " + schema + ".audit_log a"
                + " left join " + schema + ".audit_seal s using (entry_id)"
                + " left join " + schema + ".audit_pending p using (entry_id)"
                + " where a.entry_id > ?1"
                + " and (?2 = '' or a.entry_id in (select entry_id from " + schema + ".audit_seal"
                + " where subject = cast(nullif(?2, '') as uuid) union all select entry_id from " + schema
                + ".audit_pending where subject = cast(nullif(?2, '') as uuid)))"
                + " and (?3 = '' or a.table_name = ?3) and (?4 = '' or a.row_id = ?4)"
                + " order by a.entry_id limit ?5";
    }

    @Schema(name = "AuditEntry")
    public record Entry(
            @Schema(description = "its position in the chain; null until it is sealed, about a second after commit",
                    nullable = true, examples = "1532") Long seq,
            @Schema(description = "the entry's own number: unique, not an order", examples = "1611") long entryId,
            Instant at,
            @Schema(examples = "users") String table,
            @Schema(enumeration = { "INSERT", "UPDATE", "DELETE" }) String op,
            @Schema(nullable = true, examples = "4b1e7c0a-2f5d-4a8e-9c3b-6d2f1a0e7b94") String rowId,
            @Schema(nullable = true) UUID actor,
            @Schema(nullable = true, examples = "admin,teacher") String roles,
            @Schema(nullable = true) String requestId,
            @Schema(nullable = true) String clientRequestId,
            @Schema(description = "whose data the entry holds", nullable = true) UUID subject,
            @Schema(implementation = Map.class, type = SchemaType.OBJECT, description = "the row (INSERT, DELETE)"
                    + " or the changed columns as [old, new] (UPDATE); secrets \"[redacted]\", an erased person's"
                    + " values \"[erased]\"",
                    examples = "{\"school\": [null, \"Roosevelt Elementary\"]}") JsonNode changes) {
    }

    @Schema(name = "AuditEntryPage")
    public record Page(
            List<Entry> items,
            @Schema(description = "pass as after= for the next page; null on the last", nullable = true)
            Long nextAfter) {
    }

    /** Entries after {@code after} (an entry id), oldest first, filtered by whichever of the rest are set. */
    public Uni<Page> read(Caller caller, UUID subject, String table, String rowId, long after, int limit) {
        return tx.runWithSession(caller, session -> session.createNativeQuery(query, Object[].class)
                .setParameter(1, after).setParameter(2, subject == null ? "" : subject.toString())
                .setParameter(3, table == null ? "" : table).setParameter(4, rowId == null ? "" : rowId)
                .setParameter(5, limit).getResultList()
                .chain(rows -> dataKeys(session, rows).map(found -> page(rows, found, limit))));
    }

    private Uni<Map<UUID, SubjectKeys.DataKey>> dataKeys(Mutiny.Session session, List<Object[]> rows) {
        Set<UUID> subjects = new LinkedHashSet<>();
        rows.stream().filter(row -> row[SEALED] != null)
                .forEach(row -> subjects.add(UUID.fromString((String) row[SUBJECT])));
        return keys.findEach(session, subjects, false);
    }

    private Page page(List<Object[]> rows, Map<UUID, SubjectKeys.DataKey> dataKeys, int limit) {
        List<Entry> items = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            AuditChain.Entry e = AuditTrail.entry(row, 1, null, null);
            UUID subject = row[SUBJECT] == null ? null : UUID.fromString((String) row[SUBJECT]);
            ObjectNode changes = (ObjectNode) parse(e.changes());
            if (row[PENDING] != null) {
                changes.setAll((ObjectNode) parse((String) row[PENDING]));
            } else if (row[SEALED] != null && dataKeys.get(subject) != null) {
                changes.setAll(open(dataKeys.get(subject), (String) row[SEALED], e.entryId(), changes));
            }
            if (subject != null) {
                changes.properties().forEach(field -> {
                    if (PERSONAL.equals(field.getValue())) {
                        field.setValue(ERASED);
                    }
                });
            }
            items.add(new Entry(row[0] == null ? null : ((Number) row[0]).longValue(), e.entryId(),
                    AuditTrail.instant(e.atMicros()), e.table(), e.op(), e.rowId(),
                    e.actor() == null ? null : UUID.fromString(e.actor()), e.roles(), e.requestId(),
                    e.clientRequestId(), subject, changes));
        }
        Long next = rows.size() == limit ? items.get(items.size() - 1).entryId() : null;
        return new Page(items, next);
    }

    /**
     * The sealed values, decrypted; a value that does not open (altered in the database) marks the entry's
     * personal fields unreadable rather than failing the whole page.
     */
    private ObjectNode open(SubjectKeys.DataKey key, String sealed, long entryId, ObjectNode changes) {
        try {
            return (ObjectNode) parse(AuditTrail.openPersonal(key, schema, entryId, sealed));
        } catch (IllegalArgumentException | IllegalStateException e) {
            ObjectNode unreadable = json.createObjectNode();
            changes.properties().forEach(field -> {
                if (PERSONAL.equals(field.getValue())) {
                    unreadable.set(field.getKey(), UNREADABLE);
                }
            });
            return unreadable;
        }
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit values are JSON written by the database", e);
        }
    }
}
