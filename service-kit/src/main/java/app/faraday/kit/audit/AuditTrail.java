package app.faraday.kit.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.reactive.mutiny.Mutiny;

import app.faraday.kit.crypto.SubjectKeys;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.security.Caller;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Seals the service's audit trail after commit (see db/kit/V0_7__kit_audit_seal.sql). Writers only
 * append to {@code audit_log}; this job, running as the service role, takes the entries of transactions
 * that have all finished (their transaction id is below the oldest one still running, so nothing can
 * later commit in front of them), in transaction-id order, and appends a keyed seal for each to
 * {@code audit_seal}. One replica seals at a time (an advisory lock); the others skip the round. The
 * head of the chain is published on a schedule (a log line, the {@code faraday.audit.head.seq} gauge,
 * {@code GET /internal/audit-head}) so a system outside the database can anchor it.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Caller JOB = Caller.service("audit-sealer");
    private static final HexFormat HEX = HexFormat.of();
    /** Where the sealer's query puts the parked personal values' subject and the values themselves. */
    private static final int SUBJECT = 11;
    private static final int PERSONAL = 12;

    static final String ENTRY_COLUMNS = "a.entry_id, cast(a.txid as text),"
            + " cast(extract(epoch from a.at) * 1000000 as bigint),"
            + " a.table_name, a.op, a.row_id, cast(a.actor as text), a.roles, a.request_id, a.client_request_id,"
            + " cast(a.changes as text)";

    private final AuditConfig config;
    private final Transactions tx;
    private final SubjectKeys subjectKeys;
    private final String schema;
    private final String tryLockQuery;
    private final String waitLockQuery;
    private final String lastQuery;
    private final String entriesQuery;
    private final String insertQuery;
    private final String sealedPending;
    private final String headQuery;
    private final Timer lag;
    private final AtomicLong unsealed = new AtomicLong();
    /** The furthest head this process has sealed or read: a chain that ends before it was cut short. */
    private final AtomicReference<Head> highest = new AtomicReference<>();
    /** The head of the last batch sealed by the round under way, not yet committed for certain. */
    private final AtomicReference<Head> sealedHead = new AtomicReference<>();
    private volatile SealKeys keys;

    public AuditTrail(AuditConfig config, Transactions tx, SubjectKeys subjectKeys, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.config = config;
        this.tx = tx;
        this.subjectKeys = subjectKeys;
        this.schema = schema;
        String lockKey = "hashtextextended('" + schema + ".audit_seal', 0)";
        this.tryLockQuery = "select pg_try_advisory_xact_lock(" + lockKey + ")";
        this.waitLockQuery = "select count(*) = 1 from (select pg_advisory_xact_lock(" + lockKey + ")) l";
        this.lastQuery = "select seq, encode(hash, 'hex'), cast(txid as text), entry_id from " + schema
                + ".audit_seal order by seq desc limit 1";
        this.entriesQuery = "select " + ENTRY_COLUMNS + ", cast(p.subject as text), cast(p.personal as text)"
                + " from " + schema + ".audit_log a left join " + schema + ".audit_pending p using (entry_id)"
                + " where a.txid < pg_snapshot_xmin(pg_current_snapshot())"
                + " and (a.txid, a.entry_id) > (cast(?1 as xid8), ?2) order by a.txid, a.entry_id limit ?3";
        this.insertQuery = "insert into " + schema + ".audit_seal (seq, entry_id, txid, key_id, hash, subject,"
                + " personal) select s, e, cast(x as xid8), ?3, decode(h, 'hex'), cast(w as uuid), p"
                + " from unnest(cast(?1 as bigint[]), cast(?2 as bigint[]), cast(?4 as text[]), cast(?5 as text[]),"
                + " cast(?6 as text[]), cast(?7 as text[])) as t(s, e, h, w, p, x)";
        this.sealedPending = "delete from " + schema + ".audit_pending where entry_id = any (cast(?1 as bigint[]))";
        this.headQuery = "with head as (select s.seq, s.hash, s.key_id, s.sealed_at, s.txid, s.entry_id from "
                + schema + ".audit_seal s order by s.seq desc limit 1),"
                + " waiting as (select count(*) as n, min(a.at) as oldest from " + schema + ".audit_log a"
                + " where (a.txid, a.entry_id) > (select coalesce(max(h.txid), '0'), coalesce(max(h.entry_id), 0)"
                + " from head h))"
                + " select h.seq, encode(h.hash, 'hex'), h.key_id, cast(extract(epoch from h.sealed_at) * 1000000"
                + " as bigint), w.n, cast(extract(epoch from w.oldest) * 1000000 as bigint)"
                + " from waiting w left join head h on true";
        this.lag = Timer.builder("faraday.audit.seal.lag")
                .description("From an audit entry's write to its seal")
                .tag("schema", schema).publishPercentiles(0.5, 0.95, 0.99).register(registry);
        Gauge.builder("faraday.audit.head.seq", highest, h -> h.get() == null ? 0 : h.get().seq())
                .description("Position of the last sealed audit entry").tag("schema", schema).register(registry);
        Gauge.builder("faraday.audit.unsealed", unsealed, AtomicLong::get)
                .description("Audit entries not sealed yet, at the last publication").tag("schema", schema)
                .register(registry);
    }

    @Schema(name = "AuditHead", description = "The last sealed entry of a service's audit chain")
    public record Head(
            @Schema(description = "0 before the first seal", examples = "1532") long seq,
            @Schema(description = "hex of the seal's HMAC-SHA256", nullable = true,
                    examples = "9f2c4e0b7a1d3f5e6c8b0a2d4f6e8c0b1a3d5f7e9c1b3a5d7f9e1c3b5a7d9f1e") String hash,
            @Schema(examples = "k1", nullable = true) String keyId,
            @Schema(nullable = true) Instant sealedAt,
            @Schema(description = "entries written but not sealed yet", examples = "0") long unsealed,
            @Schema(description = "when the oldest of them was written", nullable = true) Instant oldestUnsealedAt) {
    }

    /**
     * A service that writes audit rows it cannot seal, or personal values it cannot encrypt, would pile them
     * up in the clear: refuse to start instead.
     */
    void onStart(@Observes StartupEvent event) {
        keys();
        subjectKeys.requireConfigured();
    }

    public SealKeys keys() {
        SealKeys current = keys;
        if (current == null) {
            String spec = config.sealKeys().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "faraday.audit.seal-keys (FARADAY_AUDIT_SEAL_KEYS) is not set: give <id>:<base64 of 32 random"
                            + " bytes>, e.g. a1:$(openssl rand -base64 32); docs/security.md, the audit trail"));
            current = SealKeys.fromSpec(spec, config.activeSealKey().orElse(null));
            keys = current;
        }
        return current;
    }

    public String schema() {
        return schema;
    }

    @Scheduled(every = "${faraday.audit.seal-interval:1s}", delayed = "${faraday.audit.seal-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledSeal() {
        return seal(keys(), false).replaceWithVoid();
    }

    @Scheduled(every = "${faraday.audit.publish-interval:60s}", delayed = "${faraday.audit.publish-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPublish() {
        return head().invoke(h -> {
            if (h.seq() > 0) {
                Log.infof("audit head: schema=%s seq=%d hash=%s key=%s unsealed=%d", schema, h.seq(), h.hash(),
                        h.keyId(), h.unsealed());
            }
        }).replaceWithVoid();
    }

    /**
     * Seals everything sealable now, waiting for another replica's round if one is running; answers how many.
     * Two rounds: the first may make data keys, whose own audit entries only the next one can seal.
     */
    public Uni<Integer> sealNow() {
        return seal(keys(), true).chain(n -> seal(keys(), true).map(m -> n + m));
    }

    /** Seals with {@code with} as the active key: how rotation happens, and how tests make rows of an old key. */
    public Uni<Integer> seal(SealKeys with, boolean wait) {
        int batch = config.sealBatchSize();
        // The head becomes this process's anchor only once its transaction has committed.
        return tx.drain(JOB, batch, session -> sealBatch(session, with, wait, batch)).invoke(() -> {
            Head head = sealedHead.getAndSet(null);
            if (head != null) {
                observe(head);
            }
        });
    }

    /** The head as the database holds it now, with how much waits for a seal; seq 0 before the first seal. */
    public Uni<Head> head() {
        return tx.runWithSession(JOB, this::head);
    }

    /** {@link #head()} in a transaction of the caller's (the service role's or an admin's). */
    Uni<Head> head(Mutiny.Session session) {
        return session.createNativeQuery(headQuery, Object[].class)
                .getSingleResult().map(row -> {
                    long waiting = ((Number) row[4]).longValue();
                    unsealed.set(waiting);
                    Instant oldest = row[5] == null ? null : instant(row[5]);
                    if (row[0] == null) {
                        return new Head(0, null, null, null, waiting, oldest);
                    }
                    Head head = new Head(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                            instant(row[3]), waiting, oldest);
                    observe(head);
                    return head;
                });
    }

    /** The furthest head this process has seen, or null. */
    Head highestSeen() {
        return highest.get();
    }

    private Uni<Integer> sealBatch(Mutiny.Session session, SealKeys with, boolean wait, int batch) {
        return session.createNativeQuery(wait ? waitLockQuery : tryLockQuery, Boolean.class).getSingleResult()
                .chain(locked -> !locked ? Uni.createFrom().item(0) : session
                        .createNativeQuery(lastQuery, Object[].class).getResultList()
                        .chain(last -> {
                            // Sealing resumes after the last sealed entry, in (transaction id, entry) order.
                            Object[] head = last.isEmpty() ? null : last.get(0);
                            long seq = head == null ? 0 : ((Number) head[0]).longValue();
                            byte[] previous = head == null ? AuditChain.GENESIS : HEX.parseHex((String) head[1]);
                            return session.createNativeQuery(entriesQuery, Object[].class)
                                    .setParameter(1, head == null ? "0" : (String) head[2])
                                    .setParameter(2, head == null ? 0L : ((Number) head[3]).longValue())
                                    .setParameter(3, batch).getResultList()
                                    .chain(rows -> append(session, with, seq, previous, rows));
                        }));
    }

    /**
     * Seals {@code rows} after position {@code after}. Personal values parked for an entry are encrypted
     * under their subject's key first, made now if the subject has none; an erased subject's are dropped.
     */
    private Uni<Integer> append(Mutiny.Session session, SealKeys with, long after, byte[] previous,
            List<Object[]> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Set<UUID> subjects = new LinkedHashSet<>();
        rows.stream().filter(row -> row[PERSONAL] != null)
                .forEach(row -> subjects.add(UUID.fromString((String) row[SUBJECT])));
        return subjectKeys.findEach(session, subjects, true)
                .chain(dataKeys -> insert(session, with, after, previous, rows, dataKeys));
    }

    private Uni<Integer> insert(Mutiny.Session session, SealKeys with, long after, byte[] previous,
            List<Object[]> rows, Map<UUID, SubjectKeys.DataKey> dataKeys) {
        Mac mac = with.mac(with.activeKeyId());
        int n = rows.size();
        Long[] seqs = new Long[n];
        Long[] entries = new Long[n];
        String[] hashes = new String[n];
        String[] owners = new String[n];
        String[] sealed = new String[n];
        String[] txids = new String[n];
        long[] written = new long[n];
        List<Long> parked = new ArrayList<>();
        long seq = after;
        byte[] hash = previous;
        for (int i = 0; i < n; i++) {
            Object[] row = rows.get(i);
            long entryId = ((Number) row[0]).longValue();
            String subject = (String) row[SUBJECT];
            String personal = null;
            if (row[PERSONAL] != null) {
                parked.add(entryId);
                SubjectKeys.DataKey key = dataKeys.get(UUID.fromString(subject));
                personal = key == null ? null : sealPersonal(key, schema, entryId, (String) row[PERSONAL]);
            }
            AuditChain.Entry entry = entry(row, 0, subject, personal);
            seq++;
            hash = AuditChain.seal(mac, schema, seq, hash, entry);
            seqs[i] = seq;
            entries[i] = entryId;
            hashes[i] = HEX.formatHex(hash);
            owners[i] = subject;
            sealed[i] = personal;
            txids[i] = entry.txid();
            written[i] = entry.atMicros();
        }
        Head head = new Head(seq, HEX.formatHex(hash), with.activeKeyId(), Instant.now(), 0, null);
        Uni<Integer> sealing = session.createNativeQuery(insertQuery)
                .setParameter(1, seqs).setParameter(2, entries).setParameter(3, with.activeKeyId())
                .setParameter(4, hashes).setParameter(5, owners).setParameter(6, sealed).setParameter(7, txids)
                .executeUpdate();
        if (!parked.isEmpty()) {
            sealing = sealing.call(() -> session.createNativeQuery(sealedPending)
                    .setParameter(1, parked.toArray(Long[]::new)).executeUpdate());
        }
        return sealing.invoke(() -> {
            sealedHead.set(head);
            long now = micros(Instant.now());
            for (long at : written) {
                lag.record(Math.max(0, now - at), TimeUnit.MICROSECONDS);
            }
        });
    }

    /** An entry's personal values, encrypted under its subject's key and bound to the entry's seal. */
    static String sealPersonal(SubjectKeys.DataKey key, String schema, long entryId, String personal) {
        return key.encrypt(personal, schema + ".audit_seal", "personal", Long.toString(entryId));
    }

    /** The reverse of {@link #sealPersonal}; fails as the cipher does when the value was altered. */
    static String openPersonal(SubjectKeys.DataKey key, String schema, long entryId, String sealed) {
        return key.decrypt(sealed, schema + ".audit_seal", "personal", Long.toString(entryId));
    }

    private void observe(Head head) {
        highest.accumulateAndGet(head, (a, b) -> a == null || b.seq() > a.seq() ? b : a);
    }

    /** Reads an entry from {@link #ENTRY_COLUMNS} starting at column {@code at}, with its seal's personal part. */
    static AuditChain.Entry entry(Object[] row, int at, String subject, String personal) {
        return new AuditChain.Entry(((Number) row[at]).longValue(), (String) row[at + 1],
                ((Number) row[at + 2]).longValue(), (String) row[at + 3], (String) row[at + 4], (String) row[at + 5],
                (String) row[at + 6], (String) row[at + 7], (String) row[at + 8], (String) row[at + 9],
                (String) row[at + 10], subject, personal);
    }

    /** How many columns {@link #ENTRY_COLUMNS} reads. */
    static final int ENTRY_WIDTH = 11;

    static Instant instant(Object micros) {
        long value = ((Number) micros).longValue();
        return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000L);
    }

    private static long micros(Instant at) {
        return Duration.between(Instant.EPOCH, at).toNanos() / 1000L;
    }
}
