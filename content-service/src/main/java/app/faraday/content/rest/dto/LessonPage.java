package app.faraday.content.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LessonPage",
        description = "One page of lessons, 0-based: newest change first, or best match first with q")
public record LessonPage(List<LessonResponse> items, @Schema(examples = "0") int page,
        @Schema(examples = "20") int size,
        @Schema(description = "How many lessons match, counted up to 10,000", examples = "7") long total,
        @Schema(description = "false when more than 10,000 lessons match (total then reads 10000)", examples = "true")
        boolean totalExact) {
}
