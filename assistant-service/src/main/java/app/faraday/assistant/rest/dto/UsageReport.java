package app.faraday.assistant.rest.dto;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AssistantUsage",
        description = "Uses of one profile per UTC day, newest first; days without use are left out")
public record UsageReport(
        @Schema(examples = "1") int profileId,
        @Schema(examples = "2026-10-29") LocalDate from,
        @Schema(examples = "2026-11-27") LocalDate to,
        @Schema(description = "Whose uses: the caller's own for teachers; for admins everyone's, or one user's",
                nullable = true)
        UUID userId,
        @Schema(examples = "200") int dailyQuota,
        List<Day> days) {

    @Schema(name = "AssistantUsageDay")
    public record Day(@Schema(examples = "2026-11-27") LocalDate day, @Schema(examples = "57") long uses,
            @Schema(description = "How many users used the profile that day", examples = "9") long users) {
    }
}
