package app.faraday.kit.crypto;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * The master keys that wrap the per-subject data keys ({@link SubjectKeys}). Optional here because most
 * services encrypt nothing; a service that does checks at start that they are set.
 */
@ConfigMapping(prefix = "faraday.crypto")
public interface CryptoConfig {

    /**
     * {@code id1:base64,id2:base64}: every master key that may still have wrapped a data key, each 32
     * random bytes. Retired keys stay listed until the re-wrap job has moved every data key off them.
     */
    @WithName("master-keys")
    Optional<String> masterKeys();

    /** The master key new data keys are wrapped with and old ones re-wrapped to; default the first listed. */
    @WithName("active-master-key")
    Optional<String> activeMasterKey();
}
