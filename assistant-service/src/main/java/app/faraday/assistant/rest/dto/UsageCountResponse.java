package app.faraday.assistant.rest.dto;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AssistantUseRecorded", description = "One use counted against today's quota")
public record UsageCountResponse(
        @Schema(examples = "1") int profileId,
        @Schema(description = "The UTC day the use counts for", examples = "2026-11-27") LocalDate day,
        @Schema(description = "Uses by the caller on that day, this one included", examples = "12") int uses,
        @Schema(examples = "200") int dailyQuota,
        @Schema(examples = "188") int remaining) {
}
