package app.faraday.content;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityResult;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A lesson plan. {@code version} is the optimistic lock behind ETag / If-Match: Hibernate updates
 * only the version it read, and the database (trigger stamp_lesson) raises it by one and keeps the
 * state it replaced in lesson_versions, in the same transaction.
 */
@Entity
@Table(name = "lessons")
@SqlResultSetMapping(name = Lesson.WITH_CANDIDATES, entities = @EntityResult(entityClass = Lesson.class),
        columns = @ColumnResult(name = "candidates", type = Long.class))
public class Lesson {

    /** A search's rows (LessonQuery.search): the lesson and how many candidates the search found. */
    static final String WITH_CANDIDATES = "LessonWithCandidates";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;

    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    @Column(name = "subject_category_id", nullable = false)
    public Integer subjectCategoryId;

    @Column(name = "assistant_profile_id")
    public Integer assistantProfileId;

    @Column(nullable = false, columnDefinition = "text")
    public String title;

    @Column(nullable = false, columnDefinition = "text")
    public String content = "";

    @Column(name = "grade_level", nullable = false, columnDefinition = "text")
    public String gradeLevel;

    @Column(nullable = false)
    public Integer week;

    @Column(name = "school_year", nullable = false, columnDefinition = "text")
    public String schoolYear;

    @Column(name = "content_area", nullable = false, columnDefinition = "text")
    public String contentArea;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "lesson_data", nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> lessonData = new LinkedHashMap<>();

    @Column(nullable = false, columnDefinition = "text")
    public String status = "draft";

    @Version
    @Column(nullable = false)
    public Integer version;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", insertable = false, updatable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by", insertable = false, updatable = false)
    public UUID updatedBy;
}
