package app.faraday.content.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LessonPage",
        description = "One page of lessons, 0-based: newest change first, or best match first with q")
public record LessonPage(List<LessonResponse> items, @Schema(examples = "0") int page,
        @Schema(examples = "20") int size,
        @Schema(description = "How many lessons match, counted up to 1,000; with q up to the 200 that are ranked",
                examples = "7") long total,
        @Schema(description = "false when more lessons match than were counted: total is then a lower bound"
                + " (1000, or 200 with q), and later pages may still hold lessons", examples = "true")
        boolean totalExact) {
}
