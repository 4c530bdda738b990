package app.faraday.content.rest.dto;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import app.faraday.kit.rest.OpenApiConventions;

/** A new category, or (as the result of a merge patch) the whole of a changed one. */
@Schema(name = "SubjectCategoryRequest")
public record CategoryRequest(
        @NotNull @Size(min = 1, max = 100)
        @Pattern(regexp = "^\\S([\\s\\S]*\\S)?$", message = "must not be blank or start or end with spaces")
        @Schema(examples = "Team Sports") String name,
        @Size(max = 2000) @Schema(nullable = true, examples = "Invasion, net and striking games") String description,
        @Min(1) @Schema(description = "The parent category; null for a root. Changing it moves the branch.",
                nullable = true, examples = "1") Integer parentId,
        @Schema(ref = "#/components/schemas/CategoryMetadata",
                extensions = @Extension(name = OpenApiConventions.NULLABLE_REF, value = "true")) JsonNode metadata) {
}
