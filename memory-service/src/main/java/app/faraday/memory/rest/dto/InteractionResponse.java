package app.faraday.memory.rest.dto;

import java.time.OffsetDateTime;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import app.faraday.kit.rest.OpenApiConventions;

@Schema(name = "Interaction")
public record InteractionResponse(
        @Schema(examples = "7") long id,
        @Schema(examples = "42") long memoryId,
        @Schema(description = "created and updated are recorded by the service", examples = "used") String type,
        @Schema(nullable = true, description = "null for created and updated", examples = "true") Boolean success,
        @Schema(ref = "#/components/schemas/MemoryContext",
                extensions = @Extension(name = OpenApiConventions.NULLABLE_REF, value = "true"))
        Map<String, Object> context,
        OffsetDateTime createdAt) {
}
