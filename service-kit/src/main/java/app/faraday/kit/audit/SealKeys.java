package app.faraday.kit.audit;

import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import app.faraday.kit.crypto.FieldCipher;

/** The HMAC keys of a service's audit seals, by id; one of them is the one new seals are made with. */
public final class SealKeys {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;

    private SealKeys(Map<String, SecretKeySpec> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    /** Reads {@code id1:base64,id2:base64}; the active key is the one named, or the first listed. */
    public static SealKeys fromSpec(String spec, String activeKeyId) {
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        FieldCipher.parseKeys(spec).forEach((id, key) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("seal key ids are 1-32 letters, digits, '-' or '_'");
            }
            if (key.length < 32) {
                throw new IllegalArgumentException("seal key '" + id + "' must be at least 32 bytes, not "
                        + key.length);
            }
            keys.put(id, new SecretKeySpec(key, "HmacSHA256"));
        });
        String active = activeKeyId == null || activeKeyId.isBlank() ? keys.keySet().iterator().next() : activeKeyId;
        if (!keys.containsKey(active)) {
            throw new IllegalArgumentException("the active seal key id '" + active + "' has no key");
        }
        return new SealKeys(Map.copyOf(keys), active);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public boolean has(String keyId) {
        return keys.containsKey(keyId);
    }

    /** A fresh HMAC under the key {@code keyId}; null when that key is not configured. */
    public Mac mac(String keyId) {
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
