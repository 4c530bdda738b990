package app.faraday.memory.rest.dto;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import app.faraday.kit.rest.OpenApiConventions;

/** A new memory. */
@Schema(name = "MemoryRequest")
public record MemoryRequest(
        @NotNull @Min(1) @Schema(description = "An active assistant-service profile", examples = "1")
        Integer assistantProfileId,
        @NotNull @Size(min = 1, max = 10_000)
        @Pattern(regexp = "^\\S([\\s\\S]*\\S)?$", message = "must not be blank or start or end with spaces")
        @Schema(examples = "Strong interest in basketball; prefers station rotations for skill work")
        String content,
        @Schema(ref = "#/components/schemas/MemoryContext",
                extensions = @Extension(name = OpenApiConventions.NULLABLE_REF, value = "true")) JsonNode context,
        @NotNull @DecimalMin("0") @DecimalMax("1") @Schema(minimum = "0", maximum = "1", examples = "0.8")
        Double importance,
        @NotNull @Pattern(regexp = "^[a-z][a-z0-9_]{0,39}$", message = "must be one of the configured categories")
        @Schema(description = "One of the configured categories (default teaching_style, class_context,"
                + " preferences, schedule, equipment, goals, health_habits, feedback)", examples = "preferences")
        String category,
        @Schema(description = "Stored encrypted under the teacher's own key; default false", nullable = true,
                examples = "false") Boolean sensitive,
        @Schema(description = "When to forget it; must be in the future", nullable = true,
                examples = "2027-06-30T00:00:00Z") OffsetDateTime expiresAt) {
}
