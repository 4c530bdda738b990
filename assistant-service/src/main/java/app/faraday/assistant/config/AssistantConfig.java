package app.faraday.assistant.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "faraday.assistant")
public interface AssistantConfig {

    /** Uses per user, per profile, per UTC day, for profiles that set no quota of their own. */
    @WithName("default-daily-quota")
    @Min(1)
    @Max(1_000_000)
    int defaultDailyQuota();

    /** The longest period one usage report may cover, in days. */
    @WithName("usage-history-days")
    @Min(1)
    @Max(3660)
    int usageHistoryDays();
}
