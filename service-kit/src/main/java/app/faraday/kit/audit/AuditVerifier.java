package app.faraday.kit.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.reactive.mutiny.Mutiny;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.security.Caller;
import io.smallrye.mutiny.Uni;

/**
 * Verifies the service's audit chain with the seal keys, which only the service holds. By default it
 * starts at the newest checkpoint a verification left that still verifies (itself an HMAC, so none can be
 * planted past an edit), so a verification costs what was sealed since; {@code full} starts at the first
 * seal, compares every valid checkpoint on the way, and looks for entries left behind unsealed. Detects
 * an edited entry or seal (its transaction id included), a deleted or reordered one, a chain re-sealed
 * without the key, a seal under a key no longer configured, and a tail cut off below a checkpoint or
 * below the head this process has sealed or published (an outside system that anchored a published head
 * compares it with {@code GET /internal/audit-head}). Checkpoints that do not verify are counted and
 * ignored: they prove nothing, and must not stop every later verification.
 */
@ApplicationScoped
public class AuditVerifier {

    private static final HexFormat HEX = HexFormat.of();
    /** Where the page query puts the seal's own subject, personal values and transaction id. */
    private static final int SEAL_SUBJECT = 3 + AuditTrail.ENTRY_WIDTH;

    private final AuditTrail trail;
    private final AuditConfig config;
    private final Transactions tx;
    private final String checkpointQuery;
    private final String sealAtQuery;
    private final String pageQuery;
    private final String leftBehindQuery;
    private final String checkpointInsert;

    public AuditVerifier(AuditTrail trail, AuditConfig config, Transactions tx) {
        this.trail = trail;
        this.config = config;
        this.tx = tx;
        String schema = trail.schema();
        this.checkpointQuery = "select seq, encode(hash, 'hex'), key_id, encode(mac, 'hex') from " + schema
                + ".audit_checkpoint order by seq desc";
        this.sealAtQuery = "select encode(hash, 'hex') from " + schema + ".audit_seal where seq = ?1";
        this.pageQuery = "select s.seq, s.key_id, encode(s.hash, 'hex'), " + AuditTrail.ENTRY_COLUMNS
                + ", cast(s.subject as text), s.personal, cast(s.txid as text) from "
                + schema + ".audit_seal s left join " + schema + ".audit_log a using (entry_id)"
                + " where s.seq > ?1 order by s.seq limit ?2";
        // Entries the sealer has passed (below the last seal in its order) yet have no seal of their own.
        this.leftBehindQuery = "select count(*) from " + schema + ".audit_log a where (a.txid, a.entry_id) <"
                + " (select s.txid, s.entry_id from " + schema + ".audit_seal s order by s.seq desc limit 1)"
                + " and not exists (select 1 from " + schema + ".audit_seal s where s.entry_id = a.entry_id)";
        this.checkpointInsert = "insert into " + schema + ".audit_checkpoint (seq, hash, key_id, mac)"
                + " values (?1, decode(?2, 'hex'), ?3, decode(?4, 'hex')) on conflict (seq) do nothing";
    }

    @Schema(name = "AuditVerification")
    public record Verification(
            @Schema(description = "true when every seal checked matches its entry and the seal before it, and the"
                    + " chain reaches every point already vouched for") boolean valid,
            @Schema(description = "seals checked by this verification", examples = "1532") long rowsChecked,
            @Schema(description = "where it started: 0, or the newest checkpoint", examples = "0") long fromSeq,
            @Schema(description = "the first position that does not match, when not valid", nullable = true)
            Long firstInvalidSeq,
            @Schema(description = "what was found there, when not valid", nullable = true,
                    examples = "the entry or seal at this position was altered") String problem,
            @Schema(description = "the last sealed position", examples = "1532") long headSeq,
            @Schema(description = "hex of its HMAC", nullable = true) String headHash,
            @Schema(description = "entries written but not sealed yet (sealing follows commit)", examples = "0")
            long unsealed,
            @Schema(description = "when the oldest unsealed entry was written", nullable = true)
            Instant oldestUnsealedAt,
            @Schema(description = "checkpoints whose HMAC does not verify (planted, or made with a key no longer"
                    + " configured): ignored", examples = "0") long ignoredCheckpoints) {
    }

    private record Checkpoint(long seq, byte[] hash) {
    }

    /** Verifies as {@code caller} (an admin); on success leaves a checkpoint at the head. */
    public Uni<Verification> verify(Caller caller, boolean full) {
        Run run = new Run(trail.keys(), trail.highestSeen());
        return tx.runWithSession(caller, session -> session.createNativeQuery(checkpointQuery, Object[].class)
                .getResultList().chain(rows -> {
                    for (Object[] row : rows) {
                        long seq = ((Number) row[0]).longValue();
                        byte[] hash = HEX.parseHex((String) row[1]);
                        Mac mac = run.mac((String) row[2]);
                        if (mac != null && Arrays.equals(AuditChain.checkpoint(mac, trail.schema(), seq, hash),
                                HEX.parseHex((String) row[3]))) {
                            run.vouch(new Checkpoint(seq, hash));
                        } else {
                            run.ignoredCheckpoints++;
                        }
                    }
                    Checkpoint newest = run.checkpoints.isEmpty() ? null : run.checkpoints.get(0);
                    if (full || newest == null) {
                        return pages(session, run).chain(() -> full ? leftBehind(session, run)
                                : Uni.createFrom().voidItem()).chain(() -> finish(session, run));
                    }
                    run.start(newest.seq(), newest.hash());
                    return session.createNativeQuery(sealAtQuery, String.class).setParameter(1, newest.seq())
                            .getResultList().chain(at -> {
                                if (at.isEmpty() || !Arrays.equals(HEX.parseHex(at.get(0)), newest.hash())) {
                                    run.fail(newest.seq(), "the chain no longer holds the seal a verification"
                                            + " vouched for here");
                                    return finish(session, run);
                                }
                                return pages(session, run).chain(() -> finish(session, run));
                            });
                }));
    }

    private Uni<Void> pages(Mutiny.Session session, Run run) {
        int size = config.verifyPageSize();
        return session.createNativeQuery(pageQuery, Object[].class)
                .setParameter(1, run.lastSeq).setParameter(2, size).getResultList()
                .chain(rows -> {
                    check(run, rows);
                    boolean more = run.problem == null && rows.size() == size;
                    return more ? pages(session, run) : Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> leftBehind(Mutiny.Session session, Run run) {
        if (run.problem != null) {
            return Uni.createFrom().voidItem();
        }
        return session.createNativeQuery(leftBehindQuery, Long.class).getSingleResult().invoke(n -> {
            if (n > 0) {
                run.fail(run.lastSeq, n + " entries written before this position were never sealed:"
                        + " their transaction ids were changed");
            }
        }).replaceWithVoid();
    }

    private void check(Run run, List<Object[]> rows) {
        for (Object[] row : rows) {
            long seq = ((Number) row[0]).longValue();
            if (seq != run.lastSeq + 1) {
                run.fail(run.lastSeq + 1, "this seal is missing: the chain jumps to " + seq);
                return;
            }
            if (row[3] == null) {
                run.fail(seq, "the entry this seal covers is missing");
                return;
            }
            Mac mac = run.mac((String) row[1]);
            if (mac == null) {
                run.fail(seq, "sealed with the key '" + row[1] + "', which is not configured");
                return;
            }
            AuditChain.Entry entry = AuditTrail.entry(row, 3, (String) row[SEAL_SUBJECT],
                    (String) row[SEAL_SUBJECT + 1]);
            byte[] stored = HEX.parseHex((String) row[2]);
            byte[] expected = AuditChain.seal(mac, trail.schema(), seq, run.lastHash, entry);
            if (!Arrays.equals(stored, expected) || !entry.txid().equals(row[SEAL_SUBJECT + 2])) {
                run.fail(seq, "the entry or seal at this position was altered");
                return;
            }
            byte[] vouched = run.vouched.get(seq);
            if (vouched != null && !Arrays.equals(stored, vouched)) {
                run.fail(seq, "the seal here differs from the one a verification vouched for");
                return;
            }
            if (run.anchor != null && seq == run.anchor.seq() && !HEX.formatHex(stored).equals(run.anchor.hash())) {
                run.fail(seq, "the seal here differs from the head this service sealed or published");
                return;
            }
            run.lastSeq = seq;
            run.lastHash = stored;
            run.checked++;
        }
    }

    private Uni<Verification> finish(Mutiny.Session session, Run run) {
        Checkpoint newest = run.checkpoints.isEmpty() ? null : run.checkpoints.get(0);
        if (run.problem == null && newest != null && run.lastSeq < newest.seq()) {
            run.fail(run.lastSeq + 1, "the chain ends before the checkpoint at " + newest.seq());
        }
        if (run.problem == null && run.anchor != null && run.lastSeq < run.anchor.seq()) {
            run.fail(run.lastSeq + 1, "the chain ends before the head this service sealed or published ("
                    + run.anchor.seq() + ")");
        }
        Uni<?> vouch = Uni.createFrom().voidItem();
        if (run.problem == null && run.lastSeq > (newest == null ? 0 : newest.seq())) {
            String keyId = run.keys.activeKeyId();
            byte[] mac = AuditChain.checkpoint(run.keys.mac(keyId), trail.schema(), run.lastSeq, run.lastHash);
            vouch = session.createNativeQuery(checkpointInsert).setParameter(1, run.lastSeq)
                    .setParameter(2, HEX.formatHex(run.lastHash)).setParameter(3, keyId)
                    .setParameter(4, HEX.formatHex(mac)).executeUpdate();
        }
        return vouch.chain(() -> trail.head(session)).map(head -> new Verification(run.problem == null, run.checked,
                run.fromSeq, run.firstInvalid, run.problem, head.seq(), head.hash(), head.unsealed(),
                head.oldestUnsealedAt(), run.ignoredCheckpoints));
    }

    /** One verification's progress. */
    private static final class Run {
        final SealKeys keys;
        final AuditTrail.Head anchor;
        final Map<String, Mac> macs = new HashMap<>();
        /** The checkpoints whose HMAC verifies, newest first; {@link #vouched} holds them by position. */
        final List<Checkpoint> checkpoints = new ArrayList<>();
        final Map<Long, byte[]> vouched = new HashMap<>();
        long ignoredCheckpoints;
        long fromSeq;
        long lastSeq;
        byte[] lastHash = AuditChain.GENESIS;
        long checked;
        Long firstInvalid;
        String problem;

        Run(SealKeys keys, AuditTrail.Head anchor) {
            this.keys = keys;
            this.anchor = anchor;
        }

        void start(long seq, byte[] hash) {
            fromSeq = seq;
            lastSeq = seq;
            lastHash = hash;
        }

        Mac mac(String keyId) {
            return keys.has(keyId) ? macs.computeIfAbsent(keyId, keys::mac) : null;
        }

        void vouch(Checkpoint c) {
            checkpoints.add(c);
            vouched.put(c.seq(), c.hash());
        }

        void fail(long seq, String what) {
            firstInvalid = seq;
            problem = what;
        }
    }
}
