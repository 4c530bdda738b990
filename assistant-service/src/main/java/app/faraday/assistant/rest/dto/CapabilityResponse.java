package app.faraday.assistant.rest.dto;

import java.time.OffsetDateTime;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import app.faraday.assistant.AssistantCapability;
import app.faraday.kit.rest.OpenApiConventions;

@Schema(name = "AssistantCapability")
public record CapabilityResponse(
        @Schema(examples = "3") int id,
        @Schema(examples = "1") int profileId,
        @Schema(examples = "exercise_planning") String name,
        @Schema(nullable = true) String description,
        @Schema(examples = "1.0.0") String version,
        Map<String, Object> parameters,
        @Schema(ref = "#/components/schemas/CapabilityParametersSchema",
                extensions = @Extension(name = OpenApiConventions.NULLABLE_REF, value = "true"))
        Map<String, Object> parametersSchema,
        boolean enabled,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static CapabilityResponse of(AssistantCapability c) {
        return new CapabilityResponse(c.id, c.profileId, c.name, c.description, c.version, c.parameters,
                c.parametersSchema, c.enabled, c.createdAt, c.updatedAt);
    }
}
