package app.faraday.content.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** A new lesson, a whole replacement (PUT), or the result of a merge patch. */
@Schema(name = "LessonRequest")
public record LessonRequest(
        @NotNull @Size(min = 1, max = 200)
        @Pattern(regexp = "^\\S([\\s\\S]*\\S)?$", message = "must not be blank or start or end with spaces")
        @Schema(examples = "Kindergarten Movement Basics") String title,
        @NotNull @Size(max = 100_000)
        @Schema(description = "The lesson text, Markdown without HTML:"
                + " tags and javascript:/data:/vbscript: links are refused",
                examples = "Students explore locomotor skills through games.") String content,
        @NotNull @Min(1) @Schema(examples = "2") Integer subjectCategoryId,
        @Min(1) @Schema(description = "An active assistant-service profile", nullable = true, examples = "1")
        Integer assistantProfileId,
        @NotNull @Pattern(regexp = "^(K|[1-9]|1[0-2])$", message = "must be K or 1 to 12")
        @Schema(enumeration = { "K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12" }, examples = "K")
        String gradeLevel,
        @NotNull @Min(1) @Max(53) @Schema(description = "ISO week of the school year's calendar", examples = "3")
        Integer week,
        @Pattern(regexp = "^[0-9]{4}-[0-9]{4}$", message = "must look like 2026-2027")
        @Schema(description = "Default: the school year of today's date (it starts on 1 August)", nullable = true,
                examples = "2026-2027") String schoolYear,
        @NotNull @Size(min = 1, max = 100) @Pattern(regexp = "^\\S([\\s\\S]*\\S)?$", message = "must not be blank")
        @Schema(examples = "Fundamental Movement") String contentArea,
        @NotNull @Schema(ref = "#/components/schemas/LessonData") JsonNode lessonData) {
}
