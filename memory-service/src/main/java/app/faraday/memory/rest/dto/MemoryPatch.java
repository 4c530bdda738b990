package app.faraday.memory.rest.dto;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import app.faraday.kit.rest.OpenApiConventions;

/**
 * What a memory is after a merge patch: everything a teacher may change. The assistant profile stays;
 * {@code context} or {@code expiresAt} set to null removes them.
 */
@Schema(name = "MemoryPatch")
public record MemoryPatch(
        @NotNull @Size(min = 1, max = 10_000)
        @Pattern(regexp = "^\\S([\\s\\S]*\\S)?$", message = "must not be blank or start or end with spaces")
        String content,
        @Schema(ref = "#/components/schemas/MemoryContext",
                extensions = @Extension(name = OpenApiConventions.NULLABLE_REF, value = "true")) JsonNode context,
        @NotNull @DecimalMin("0") @DecimalMax("1") @Schema(minimum = "0", maximum = "1") Double importance,
        @NotNull @Pattern(regexp = "^[a-z][a-z0-9_]{0,39}$", message = "must be one of the configured categories")
        String category,
        @NotNull Boolean sensitive,
        @Schema(nullable = true) OffsetDateTime expiresAt) {
}
