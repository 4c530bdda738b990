package app.faraday.assistant.rest.dto;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import app.faraday.assistant.AssistantProfile;

@Schema(name = "AssistantProfile")
public record ProfileResponse(
        @Schema(examples = "1") int id,
        @Schema(examples = "PE Coach") String name,
        @Schema(nullable = true) String description,
        @Schema(examples = "faraday-coach-2026.1") String modelVersion,
        @Schema(ref = "#/components/schemas/AssistantConfiguration") Map<String, Object> configuration,
        @Schema(description = "Uses per teacher per UTC day; null: the service default applies", nullable = true)
        Integer dailyQuota,
        boolean active,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Schema(description = "The admin who created it; null for seeded profiles", nullable = true) UUID createdBy,
        @Schema(nullable = true) UUID updatedBy) {

    public static ProfileResponse of(AssistantProfile p) {
        return new ProfileResponse(p.id, p.name, p.description, p.modelVersion, p.configuration, p.dailyQuota,
                p.active, p.createdAt, p.updatedAt, p.createdBy, p.updatedBy);
    }
}
