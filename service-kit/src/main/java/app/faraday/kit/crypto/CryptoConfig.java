package app.faraday.kit.crypto;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The master keys that wrap the per-subject data keys ({@link SubjectKeys}). Every service needs them (its
 * audit trail encrypts personal values) and checks at start that they are set.
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

    /** How often data keys on retired master keys are re-wrapped (read by {@code @Scheduled} as well). */
    @WithName("rewrap-interval")
    @WithDefault("1h")
    String rewrapInterval();

    /** Data keys re-wrapped per transaction. */
    @WithName("rewrap-batch-size")
    @WithDefault("100")
    int rewrapBatchSize();
}
