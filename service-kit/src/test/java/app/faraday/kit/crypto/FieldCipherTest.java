package app.faraday.kit.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FieldCipherTest {

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private final String k1 = key();
    private final String k2 = key();

    private static final FieldCipher.Cell MEMORY = new FieldCipher.Cell("memory.user_memories", "content", "42");
    private static final FieldCipher.Cell NOTES = new FieldCipher.Cell("users.users", "notes", "7");

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        FieldCipher cipher = FieldCipher.fromSpec("k1:" + k1, null);
        String a = cipher.encrypt("prefers basketball drills", MEMORY);
        String b = cipher.encrypt("prefers basketball drills", MEMORY);
        assertNotEquals(a, b);
        assertTrue(a.startsWith("v1:k1:"));
        assertFalse(a.contains("basketball"));
        assertEquals("prefers basketball drills", cipher.decrypt(a, MEMORY));
    }

    @Test
    void oldKeysStillDecryptAfterARotation() {
        String old = FieldCipher.fromSpec("k1:" + k1, null).encrypt("secret", NOTES);
        FieldCipher rotated = FieldCipher.fromSpec("k2:" + k2 + ",k1:" + k1, "k2");
        assertEquals("secret", rotated.decrypt(old, NOTES));
        assertTrue(rotated.needsRotation(old));
        assertFalse(rotated.needsRotation(rotated.encrypt("secret", NOTES)));
    }

    @Test
    void tamperingContextOrKeyIdIsDetected() {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("k1", Base64.getDecoder().decode(k1));
        keys.put("k2", Base64.getDecoder().decode(k2));
        FieldCipher cipher = new FieldCipher(keys, "k1");
        String sealed = cipher.encrypt("secret", NOTES);
        assertThrows(IllegalStateException.class,
                () -> cipher.decrypt(sealed, new FieldCipher.Cell("users.users", "other", "7")));
        assertThrows(IllegalStateException.class,
                () -> cipher.decrypt(sealed, new FieldCipher.Cell("users.others", "notes", "7")));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed.replace("v1:k1:", "v1:k2:"), NOTES));
        byte[] body = Base64.getDecoder().decode(sealed.substring("v1:k1:".length()));
        body[body.length - 20] ^= 0x01; // one bit of the ciphertext
        String flipped = "v1:k1:" + Base64.getEncoder().encodeToString(body);
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(flipped, NOTES));
    }

    @Test
    void refusesWeakOrMissingKeys() {
        assertThrows(IllegalArgumentException.class,
                () -> FieldCipher.fromSpec("k1:" + Base64.getEncoder().encodeToString(new byte[16]), null));
        assertThrows(IllegalArgumentException.class, () -> FieldCipher.fromSpec("k1:" + k1, "k9"));
        assertThrows(IllegalArgumentException.class, () -> FieldCipher.fromSpec("no-colon", null));
        assertThrows(IllegalStateException.class,
                () -> FieldCipher.fromSpec("k1:" + k1, null).decrypt("v1:k7:AAAA", NOTES));
        assertThrows(IllegalArgumentException.class,
                () -> FieldCipher.fromSpec("k1:" + k1, null).decrypt("plain text", NOTES));
    }

    @Test
    void aValueCopiedToAnotherRowDoesNotDecrypt() {
        FieldCipher cipher = FieldCipher.fromSpec("k1:" + k1, null);
        String sealed = cipher.encrypt("sensitive: asthma, carries an inhaler", MEMORY);
        assertThrows(IllegalStateException.class,
                () -> cipher.decrypt(sealed, new FieldCipher.Cell("memory.user_memories", "content", "43")));
        assertThrows(IllegalStateException.class,
                () -> cipher.decrypt(sealed, new FieldCipher.Cell("memory.user_memories", "content", "4")));
        assertEquals("sensitive: asthma, carries an inhaler", cipher.decrypt(sealed, MEMORY));
    }

    @Test
    void aValueBoundToAnOwnerDecryptsForThatOwnerOnly() {
        FieldCipher cipher = FieldCipher.fromSpec("k1:" + k1, null);
        FieldCipher.Cell maria = new FieldCipher.Cell("memory.user_memories", "content", "42", "maria");
        String sealed = cipher.encrypt("knee surgery in May", maria);
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed,
                new FieldCipher.Cell("memory.user_memories", "content", "42", "james")));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, MEMORY));
        assertEquals("knee surgery in May", cipher.decrypt(sealed, maria));
        assertThrows(IllegalArgumentException.class,
                () -> new FieldCipher.Cell("memory.user_memories", "content", "1", "a|b"));
    }

    @Test
    void aKeyIdListedTwiceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FieldCipher.fromSpec("k1:" + k1 + ",k1:" + k2, null));
        assertTrue(e.getMessage().contains("'k1'"), e.getMessage());
    }

    @Test
    void cellsNameARowAndSqlNames() {
        assertThrows(IllegalArgumentException.class, () -> new FieldCipher.Cell("memory.user_memories", "content", ""));
        assertThrows(IllegalArgumentException.class, () -> new FieldCipher.Cell("memory|x", "content", "1"));
        assertThrows(IllegalArgumentException.class, () -> new FieldCipher.Cell("memory.user_memories", "a|b", "1"));
    }
}
