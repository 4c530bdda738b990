package app.faraday.kit.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM field encryption. Each value is stored as {@code v1:<key id>:<base64(nonce||ciphertext||tag)>},
 * so old values stay readable after the active key rotates. The key id, and the cell the value
 * belongs to (table, column and row id, as associated data), are authenticated: a value copied into
 * another row or column, or with its key id edited, fails to decrypt.
 */
public final class FieldCipher {

    private static final String PREFIX = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}(\\.[a-z_][a-z0-9_]{0,62})?");

    /**
     * The cell an encrypted value belongs to: {@code table} (optionally schema-qualified), {@code column},
     * the row's primary key as text and, where rows have one, the owner (the data subject). Write the row
     * id before encrypting, so it can be bound.
     */
    public record Cell(String table, String column, String rowId, String owner) {

        public Cell {
            if (table == null || !NAME.matcher(table).matches() || column == null || !NAME.matcher(column).matches()) {
                throw new IllegalArgumentException("table and column are SQL names such as memory.user_memories"
                        + " and content");
            }
            if (rowId == null || rowId.isEmpty()) {
                throw new IllegalArgumentException("an encrypted value is bound to its row: give the row id");
            }
            if (owner != null && (owner.isEmpty() || owner.indexOf('|') >= 0)) {
                throw new IllegalArgumentException("an owner is a non-empty id without '|'");
            }
        }

        /** A cell of a table whose rows have no owner of their own. */
        public Cell(String table, String column, String rowId) {
            this(table, column, rowId, null);
        }

        /** Unambiguous: names and owners cannot hold '|' (an absent owner is empty), the row id is the rest. */
        String associatedData() {
            return table + "|" + column + "|" + (owner == null ? "" : owner) + "|" + rowId;
        }
    }

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(Map<String, byte[]> keys, String activeKeyId) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active key id '" + activeKeyId + "' has no key");
        }
        Map<String, SecretKey> copy = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("key ids are 1-32 letters, digits, '-' or '_'");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException("key '" + id + "' must be 32 bytes (AES-256), not " + key.length);
            }
            copy.put(id, new SecretKeySpec(key, "AES"));
        });
        this.keys = Map.copyOf(copy);
        this.activeKeyId = activeKeyId;
    }

    /**
     * Reads keys in the form {@code id1:base64key,id2:base64key} (as in {@code ENCRYPTION_KEYS});
     * the active key is the one named, or the first listed.
     */
    public static FieldCipher fromSpec(String spec, String activeKeyId) {
        Map<String, byte[]> keys = parseKeys(spec);
        String active = activeKeyId == null || activeKeyId.isBlank() ? keys.keySet().iterator().next() : activeKeyId;
        return new FieldCipher(keys, active);
    }

    /** {@code id1:base64key,id2:base64key} as id to key bytes, in the order listed. */
    public static Map<String, byte[]> parseKeys(String spec) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.strip();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("each key is written as <id>:<base64 of 32 bytes>");
            }
            String id = trimmed.substring(0, colon);
            if (keys.put(id, Base64.getDecoder().decode(trimmed.substring(colon + 1))) != null) {
                throw new IllegalArgumentException("key id '" + id + "' is listed twice; each key needs its own id");
            }
        }
        return keys;
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public String encrypt(String plaintext, Cell cell) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(activeKeyId, cell));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + ":" + activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String stored, Cell cell) {
        String[] parts = stored.split(":", 3);
        if (parts.length != 3 || !PREFIX.equals(parts[0])) {
            throw new IllegalArgumentException("not an encrypted field value");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("no key with id '" + parts[1] + "' is configured");
        }
        byte[] in = Base64.getDecoder().decode(parts[2]);
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("encrypted field value is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(aad(parts[1], cell));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the value was altered or belongs elsewhere", e);
        }
    }

    /** True when the value was written with an older key and should be re-encrypted. */
    public boolean needsRotation(String stored) {
        String[] parts = stored.split(":", 3);
        return parts.length == 3 && !activeKeyId.equals(parts[1]);
    }

    private static byte[] aad(String keyId, Cell cell) {
        return (PREFIX + ":" + keyId + ":" + cell.associatedData()).getBytes(StandardCharsets.UTF_8);
    }
}
