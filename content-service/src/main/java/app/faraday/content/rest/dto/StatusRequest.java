package app.faraday.content.rest.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LessonStatusRequest")
public record StatusRequest(
        @NotNull @Pattern(regexp = "^(draft|review|published|archived)$",
                message = "must be draft, review, published or archived")
        @Schema(enumeration = { "draft", "review", "published", "archived" }, examples = "review") String status) {
}
