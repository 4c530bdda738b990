package app.faraday.memory.rest.dto;

import java.time.OffsetDateTime;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import app.faraday.kit.rest.OpenApiConventions;

@Schema(name = "Memory")
public record MemoryResponse(
        @Schema(examples = "42") long id,
        @Schema(examples = "1") int assistantProfileId,
        @Schema(description = "Decrypted for its owner when sensitive",
                examples = "Strong interest in basketball; prefers station rotations for skill work") String content,
        @Schema(ref = "#/components/schemas/MemoryContext",
                extensions = @Extension(name = OpenApiConventions.NULLABLE_REF, value = "true"))
        Map<String, Object> context,
        @Schema(examples = "0.8") double importance,
        @Schema(examples = "preferences") String category,
        boolean sensitive,
        @Schema(nullable = true) OffsetDateTime expiresAt,
        @Schema(description = "Reads of it (get, and appearing in a ranked list), this one included",
                examples = "3") long accessCount,
        @Schema(nullable = true, description = "Stored each second or so; reads of the last moment may not show yet")
        OffsetDateTime lastAccessedAt,
        @Schema(description = "Feedback interactions recorded", examples = "2") int feedbackCount,
        @Schema(nullable = true, description = "Share of feedback that was a success; null without feedback",
                examples = "0.5") Double successRate,
        @Schema(description = "Also the ETag; send it back in If-Match to change the memory", examples = "1")
        int version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Schema(nullable = true, description = "With sort=relevance: the score it was ranked by, 0 to 1",
                examples = "0.73") Double score) {
}
