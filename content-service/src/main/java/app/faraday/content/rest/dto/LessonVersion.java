package app.faraday.content.rest.dto;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LessonVersion", description = "One version of a lesson and the change that made it")
public record LessonVersion(
        @Schema(examples = "3") int version,
        @Schema(description = "Who made this version (null for a change no user made, such as the"
                + " profile-deletion feed's)", nullable = true) UUID changedBy,
        @Schema(description = "When this version was made") OffsetDateTime changedAt,
        @Schema(description = "The fields this version changed from the one before, named as in the API;"
                + " empty for version 1, the lesson as created", examples = "[\"content\", \"title\"]")
        List<String> changedFields,
        @Schema(description = "The lesson as it was (only in GET .../versions/{n})", nullable = true)
        Map<String, Object> lesson) {
}
