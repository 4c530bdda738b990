package app.faraday.kit.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

/** What a seal covers: every field, its position and the seal before it, and which key made it. */
class AuditChainTest {

    private static final String SPEC = "a1:" + key() + ",a0:" + key();
    private static final AuditChain.Entry ENTRY = new AuditChain.Entry(7, "1234", 1_764_000_000_000_000L, "users",
            "UPDATE", "row-1", "actor-1", "teacher", "req-1", "client-1", "{\"school\": \"[personal]\"}", "subject-1",
            "v1:dk:abc");

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static byte[] seal(SealKeys keys, String keyId, long seq, byte[] previous, AuditChain.Entry e) {
        return AuditChain.seal(keys.mac(keyId), "users", seq, previous, e);
    }

    @Test
    void everyFieldPositionAndPredecessorChangesTheSeal() {
        SealKeys keys = SealKeys.fromSpec(SPEC, null);
        byte[] base = seal(keys, "a1", 3, AuditChain.GENESIS, ENTRY);
        assertArrayEquals(base, seal(keys, "a1", 3, AuditChain.GENESIS, ENTRY), "deterministic");
        List<UnaryOperator<AuditChain.Entry>> edits = List.of(
                e -> with(e, 0, 8L), e -> with(e, 1, "1235"), e -> with(e, 2, e.atMicros() + 1),
                e -> with(e, 3, "lessons"), e -> with(e, 4, "DELETE"), e -> with(e, 5, "row-2"),
                e -> with(e, 6, null), e -> with(e, 6, ""), e -> with(e, 7, "admin,teacher"),
                e -> with(e, 8, "req-2"), e -> with(e, 9, null), e -> with(e, 10, "{}"),
                e -> with(e, 11, "subject-2"), e -> with(e, 12, null),
                // Fields cannot run into each other: "req-1" + "client-1" is not "req-1c" + "lient-1".
                e -> with(with(e, 8, "req-1c"), 9, "lient-1"));
        Set<String> seen = new HashSet<>();
        seen.add(Arrays.toString(base));
        for (UnaryOperator<AuditChain.Entry> edit : edits) {
            seen.add(Arrays.toString(seal(keys, "a1", 3, AuditChain.GENESIS, edit.apply(ENTRY))));
        }
        seen.add(Arrays.toString(seal(keys, "a1", 4, AuditChain.GENESIS, ENTRY)));
        seen.add(Arrays.toString(seal(keys, "a1", 3, base, ENTRY)));
        seen.add(Arrays.toString(seal(keys, "a0", 3, AuditChain.GENESIS, ENTRY)));
        seen.add(Arrays.toString(AuditChain.seal(keys.mac("a1"), "content", 3, AuditChain.GENESIS, ENTRY)));
        assertEquals(edits.size() + 5, seen.size(), "each change gives a seal of its own");
    }

    /** {@code e} with its field number {@code field} (in declaration order) set to {@code value}. */
    private static AuditChain.Entry with(AuditChain.Entry e, int field, Object value) {
        Object[] f = { e.entryId(), e.txid(), e.atMicros(), e.table(), e.op(), e.rowId(), e.actor(), e.roles(),
            e.requestId(), e.clientRequestId(), e.changes(), e.subject(), e.personal() };
        f[field] = value;
        return new AuditChain.Entry((Long) f[0], (String) f[1], (Long) f[2], (String) f[3], (String) f[4],
                (String) f[5], (String) f[6], (String) f[7], (String) f[8], (String) f[9], (String) f[10],
                (String) f[11], (String) f[12]);
    }

    @Test
    void aCheckpointVouchesForOnePositionAndHash() {
        SealKeys keys = SealKeys.fromSpec(SPEC, "a0");
        byte[] hash = seal(keys, "a1", 9, AuditChain.GENESIS, ENTRY);
        byte[] mac = AuditChain.checkpoint(keys.mac("a0"), "users", 9, hash);
        assertArrayEquals(mac, AuditChain.checkpoint(keys.mac("a0"), "users", 9, hash));
        assertFalse(Arrays.equals(mac, AuditChain.checkpoint(keys.mac("a0"), "users", 10, hash)));
        assertFalse(Arrays.equals(mac, AuditChain.checkpoint(keys.mac("a1"), "users", 9, hash)));
        assertFalse(Arrays.equals(mac, seal(keys, "a0", 9, hash, ENTRY)), "a checkpoint is no seal");
    }

    @Test
    void keysAreReadStrictly() {
        assertEquals("a1", SealKeys.fromSpec(SPEC, null).activeKeyId());
        assertEquals("a0", SealKeys.fromSpec(SPEC, "a0").activeKeyId());
        assertNull(SealKeys.fromSpec(SPEC, null).mac("gone"), "an unknown key verifies nothing");
        assertThrows(IllegalArgumentException.class, () -> SealKeys.fromSpec(SPEC, "a9"));
        assertThrows(IllegalArgumentException.class, () -> SealKeys.fromSpec("short:"
                + Base64.getEncoder().encodeToString(new byte[16]), null));
        assertThrows(IllegalArgumentException.class, () -> SealKeys.fromSpec("a1:" + key() + ",a1:" + key(), null));
        assertThrows(IllegalArgumentException.class, () -> SealKeys.fromSpec("no key here", null));
    }
}
