package app.faraday.kit.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import javax.crypto.Mac;

/**
 * What a seal covers, and how. Each seal is HMAC-SHA256 over the previous seal's hash, the seal's own
 * position and every field of its entry (its transaction id included), each field length-prefixed (a
 * null distinct from an empty string), so no two different entries or positions encode alike. Changing
 * any field, dropping or swapping a seal, or sealing again without the key gives hashes that do not
 * match.
 */
public final class AuditChain {

    /** The "previous hash" of the first seal. */
    public static final byte[] GENESIS = new byte[32];

    private static final byte[] SEAL = "faraday-audit-seal-v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CHECKPOINT = "faraday-audit-checkpoint-v1".getBytes(StandardCharsets.UTF_8);

    private AuditChain() {
    }

    /**
     * One audit_log row as the seal sees it (times in microseconds since the epoch, values as text), with
     * whose it is and its personal values as sealed: ciphertext under the subject's key, or null.
     */
    public record Entry(long entryId, String txid, long atMicros, String table, String op, String rowId, String actor,
            String roles, String requestId, String clientRequestId, String changes, String subject,
            String personal) {
    }

    public static byte[] seal(Mac mac, String schema, long seq, byte[] previous, Entry e) {
        field(mac, SEAL);
        text(mac, schema);
        number(mac, seq);
        field(mac, previous);
        number(mac, e.entryId());
        text(mac, e.txid());
        number(mac, e.atMicros());
        text(mac, e.table());
        text(mac, e.op());
        text(mac, e.rowId());
        text(mac, e.actor());
        text(mac, e.roles());
        text(mac, e.requestId());
        text(mac, e.clientRequestId());
        text(mac, e.changes());
        text(mac, e.subject());
        text(mac, e.personal());
        return mac.doFinal();
    }

    /** Vouches that the chain up to {@code seq} ended in {@code hash} when it was verified. */
    public static byte[] checkpoint(Mac mac, String schema, long seq, byte[] hash) {
        field(mac, CHECKPOINT);
        text(mac, schema);
        number(mac, seq);
        field(mac, hash);
        return mac.doFinal();
    }

    private static void text(Mac mac, String value) {
        if (value == null) {
            mac.update(ByteBuffer.allocate(4).putInt(-1).array());
        } else {
            field(mac, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void number(Mac mac, long value) {
        mac.update(ByteBuffer.allocate(8).putLong(value).array());
    }

    private static void field(Mac mac, byte[] value) {
        mac.update(ByteBuffer.allocate(4).putInt(value.length).array());
        mac.update(value);
    }
}
