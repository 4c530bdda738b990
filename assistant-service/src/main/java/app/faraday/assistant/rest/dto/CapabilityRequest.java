package app.faraday.assistant.rest.dto;

import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import app.faraday.kit.rest.OpenApiConventions;

/** A new capability, or (as the result of a merge patch) the whole of a changed one. */
@Schema(name = "AssistantCapabilityRequest")
public record CapabilityRequest(
        @NotNull @Pattern(regexp = "^[a-z][a-z0-9_]{0,63}$",
                message = "must be 1 to 64 lower-case letters, digits or _ starting with a letter")
        @Schema(examples = "exercise_planning") String name,
        @Size(max = 2000) @Schema(nullable = true) String description,
        @NotNull @Size(max = 64) @Pattern(regexp = SEMVER, message = "must be a semantic version such as 1.2.0")
        @Schema(examples = "1.0.0") String version,
        // JsonNode is Iterable, which SmallRye documents as an array whatever type says: name the shape.
        @NotNull @Schema(implementation = Map.class, type = SchemaType.OBJECT,
                description = "Must match parametersSchema when one is declared",
                examples = "{\"difficulty\": \"intermediate\"}") JsonNode parameters,
        @Schema(ref = "#/components/schemas/CapabilityParametersSchema",
                extensions = @Extension(name = OpenApiConventions.NULLABLE_REF, value = "true"))
        JsonNode parametersSchema,
        @Schema(description = "Disabled capabilities are hidden from teachers; default true", examples = "true")
        Boolean enabled) {

    /** Semantic Versioning 2.0.0, as semver.org recommends; the database checks the same. */
    public static final String SEMVER = "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$";
}
