package app.faraday.assistant.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "faraday.assistant")
public interface AssistantConfig {

    /** Uses per user, per profile, per UTC day, for profiles that set no quota of their own. */
    @WithName("default-daily-quota")
    int defaultDailyQuota();

    /** The longest period one usage report may cover, in days. */
    @WithName("usage-history-days")
    int usageHistoryDays();
}
