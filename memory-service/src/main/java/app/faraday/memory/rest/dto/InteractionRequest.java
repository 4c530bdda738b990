package app.faraday.memory.rest.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import app.faraday.kit.rest.OpenApiConventions;

/** Feedback on a memory from an assistant runtime or the teacher. */
@Schema(name = "InteractionRequest")
public record InteractionRequest(
        @NotNull
        @Pattern(regexp = "^[a-z][a-z0-9_]{0,39}$", message = "must be one of the configured interaction types")
        @Schema(description = "One of the configured types (default recalled, used, confirmed, corrected, dismissed)",
                examples = "used") String type,
        @NotNull @Schema(description = "Whether the memory helped", examples = "true") Boolean success,
        @Schema(ref = "#/components/schemas/MemoryContext",
                extensions = @Extension(name = OpenApiConventions.NULLABLE_REF, value = "true")) JsonNode context) {
}
