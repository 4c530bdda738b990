package app.faraday.kit.audit;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How the service seals its audit trail (service-kit's {@link AuditTrail}). */
@ConfigMapping(prefix = "faraday.audit")
public interface AuditConfig {

    /**
     * {@code id1:base64,id2:base64}: the HMAC keys of the seals, each at least 32 random bytes. Every key
     * that sealed a row stays listed for as long as that row must verify; the database never sees them.
     */
    @WithName("seal-keys")
    Optional<String> sealKeys();

    /** The key new seals are made with; default the first listed. */
    @WithName("active-seal-key")
    Optional<String> activeSealKey();

    /** How often sealing runs (read by {@code @Scheduled}, which repeats this default). */
    @WithName("seal-interval")
    @WithDefault("1s")
    String sealInterval();

    /** How often the head is logged and its gauges refreshed. */
    @WithName("publish-interval")
    @WithDefault("60s")
    String publishInterval();

    /** Entries sealed per transaction; a backlog is worked off in several. */
    @WithName("seal-batch-size")
    @WithDefault("1000")
    int sealBatchSize();

    /** Seals checked per query while verifying. */
    @WithName("verify-page-size")
    @WithDefault("5000")
    int verifyPageSize();
}
