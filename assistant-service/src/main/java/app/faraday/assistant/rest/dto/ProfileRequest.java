package app.faraday.assistant.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** A new profile, or (as the result of a merge patch) the whole of a changed one. */
@Schema(name = "AssistantProfileRequest")
public record ProfileRequest(
        @NotNull @Size(min = 1, max = 100)
        @Pattern(regexp = "^\\S([\\s\\S]*\\S)?$", message = "must not be blank or start or end with spaces")
        @Schema(examples = "PE Coach") String name,
        @Size(max = 2000) @Schema(examples = "Movement, fitness and sports; encouraging.", nullable = true)
        String description,
        @NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$",
                message = "must be 1 to 100 letters, digits or . _ : / - starting with a letter or digit")
        @Schema(examples = "faraday-coach-2026.1") String modelVersion,
        @NotNull @Schema(ref = "#/components/schemas/AssistantConfiguration") JsonNode configuration,
        @Min(1) @Max(1_000_000)
        @Schema(description = "Uses per teacher per UTC day; null for the service default", nullable = true,
                examples = "200")
        Integer dailyQuota,
        @Schema(description = "Inactive profiles are hidden from teachers; default true", examples = "true")
        Boolean active) {
}
