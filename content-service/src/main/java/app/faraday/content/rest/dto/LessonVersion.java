package app.faraday.content.rest.dto;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LessonVersion", description = "One earlier state of a lesson and the change that replaced it")
public record LessonVersion(
        @Schema(examples = "3") int version,
        @Schema(description = "Who made the change that ended this version", nullable = true) UUID changedBy,
        OffsetDateTime changedAt,
        @Schema(description = "What that change touched", examples = "[\"content\", \"title\"]")
        List<String> changedFields,
        @Schema(description = "The lesson as it was (only in GET .../versions/{n})", nullable = true)
        Map<String, Object> lesson) {
}
