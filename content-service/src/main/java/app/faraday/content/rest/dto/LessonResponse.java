package app.faraday.content.rest.dto;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import app.faraday.content.Lesson;

@Schema(name = "Lesson")
public record LessonResponse(
        @Schema(examples = "7") int id,
        @Schema(description = "The owner") UUID userId,
        @Schema(examples = "2") int subjectCategoryId,
        @Schema(nullable = true, examples = "1") Integer assistantProfileId,
        String title,
        String content,
        @Schema(examples = "K") String gradeLevel,
        @Schema(examples = "3") int week,
        @Schema(examples = "2026-2027") String schoolYear,
        String contentArea,
        @Schema(ref = "#/components/schemas/LessonData") Map<String, Object> lessonData,
        @Schema(enumeration = { "draft", "review", "published", "archived" }) String status,
        @Schema(description = "Also the ETag; send it back in If-Match to change the lesson", examples = "4")
        int version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Schema(nullable = true) UUID updatedBy) {

    public static LessonResponse of(Lesson l) {
        return new LessonResponse(l.id, l.userId, l.subjectCategoryId, l.assistantProfileId, l.title, l.content,
                l.gradeLevel, l.week, l.schoolYear, l.contentArea, l.lessonData, l.status, l.version, l.createdAt,
                l.updatedAt, l.updatedBy);
    }
}
