package app.faraday.memory;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A master key made for this test run only, so none is ever in the repository. */
public class MasterKeyTestResource implements QuarkusTestResourceLifecycleManager {

    static final String KEY = newKey();
    /** A retired key, still configured: data keys wrapped by it are re-wrapped by the purge job. */
    static final String RETIRED_KEY = newKey();

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public Map<String, String> start() {
        return Map.of("faraday.crypto.master-keys", "run1:" + KEY + ",run0:" + RETIRED_KEY,
                "faraday.crypto.active-master-key", "run1");
    }

    @Override
    public void stop() {
        // nothing to release
    }
}
