package app.faraday.content;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.faraday.content.rest.dto.LessonResponse;
import app.faraday.content.rest.dto.LessonVersion;
import app.faraday.kit.db.Flush;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.security.Caller;
import app.faraday.kit.web.ETags;
import io.smallrye.mutiny.Uni;

/**
 * A lesson's versions, the earlier ones written by the database on every change (trigger stamp_lesson), and
 * restoring one: the restore is itself a change, so it makes a new version and loses nothing.
 * <p>
 * Each version is told with the change that made it: who and when (the {@code updated_by} and
 * {@code updated_at} its snapshot holds, or the lesson's own for the current version) and which fields it
 * changed (stored on the version before it, as the change that ended that one). Version 1 is the creation.
 */
@ApplicationScoped
public class LessonHistoryService {

    private final LessonService lessons;
    private final LessonRepository repository;
    private final Transactions tx;
    private final ObjectMapper mapper;

    public LessonHistoryService(LessonService lessons, LessonRepository repository, Transactions tx,
            ObjectMapper mapper) {
        this.lessons = lessons;
        this.repository = repository;
        this.tx = tx;
        this.mapper = mapper;
    }

    private static final String MADE_BY = "cast(v.snapshot ->> 'updated_by' as uuid),"
            + " cast(v.snapshot ->> 'updated_at' as timestamptz), array_to_string(p.changed_fields, ',')"
            + " from content.lesson_versions v left join content.lesson_versions p"
            + " on p.lesson_id = v.lesson_id and p.version = v.version - 1";

    /**
     * Every version, the current one first; the owner's (and admins') only, because earlier states may be
     * unpublished drafts.
     */
    public Uni<List<LessonVersion>> versions(Caller caller, int id) {
        return tx.runWithSession(caller, session -> history(caller, id).chain(() -> session
                .createNativeQuery("select l.version, l.updated_by, l.updated_at, array_to_string(p.changed_fields, ',')"
                        + " from content.lessons l left join content.lesson_versions p"
                        + " on p.lesson_id = l.id and p.version = l.version - 1 where l.id = ?1"
                        + " union all select v.version, " + MADE_BY + " where v.lesson_id = ?1"
                        + " order by 1 desc", Object[].class)
                .setParameter(1, id).getResultList())
                .map(rows -> rows.stream().map(r -> new LessonVersion(((Number) r[0]).intValue(), (UUID) r[1],
                        (OffsetDateTime) r[2], fields((String) r[3]), null)).toList()));
    }

    /** Version {@code n} as it was; the current version is the lesson itself. */
    public Uni<LessonVersion> version(Caller caller, int id, int n) {
        return tx.runWithSession(caller, session -> history(caller, id).chain(lesson -> {
            if (n == lesson.version) {
                return session.createNativeQuery("select array_to_string(changed_fields, ',')"
                        + " from content.lesson_versions where lesson_id = ?1 and version = ?2", String.class)
                        .setParameter(1, id).setParameter(2, n - 1).getResultList()
                        .map(changed -> new LessonVersion(n, lesson.updatedBy, lesson.updatedAt,
                                fields(changed.isEmpty() ? null : changed.get(0)),
                                mapper.convertValue(LessonResponse.of(lesson), SubjectCategoryService.OBJECT)));
            }
            return snapshot(session, id, n).map(row -> new LessonVersion(n, (UUID) row[1], (OffsetDateTime) row[2],
                    fields((String) row[3]), fromSnapshot(json((String) row[0]), mapper)));
        }));
    }

    /** Makes a new version whose content is that of version {@code n}; status and assistant profile stay. */
    public Uni<Lesson> restore(Caller caller, int id, int n, int expected) {
        return tx.runWithSession(caller, session -> lessons.owned(caller, id, expected)
                .chain(lesson -> n == lesson.version ? Uni.createFrom().item(lesson)
                        : snapshot(session, id, n).chain(row -> {
                    JsonNode old = json((String) row[0]);
                    lesson.title = old.path("title").asText();
                    lesson.content = old.path("content").asText();
                    lesson.subjectCategoryId = old.path("subject_category_id").asInt();
                    lesson.gradeLevel = old.path("grade_level").asText();
                    lesson.week = old.path("week").asInt();
                    lesson.schoolYear = old.path("school_year").asText();
                    lesson.contentArea = old.path("content_area").asText();
                    lesson.lessonData = mapper.convertValue(old.path("lesson_data"), SubjectCategoryService.OBJECT);
                    return Flush.andRefresh(lesson);
                })))
                .onFailure(ETags::isStaleWrite).transform(e -> ETags.stale());
    }

    /** The lesson, if the caller may read its history: its owner or an admin. */
    private Uni<Lesson> history(Caller caller, int id) {
        return lessons.visible(id).invoke(lesson -> {
            if (!caller.isAdmin() && !lesson.userId.equals(caller.userId())) {
                throw ProblemException.forbidden("only the lesson's owner may read its history");
            }
        });
    }

    private Uni<Object[]> snapshot(Mutiny.Session session, int id, int n) {
        return session.createNativeQuery("select v.snapshot::text, " + MADE_BY
                + " where v.lesson_id = ?1 and v.version = ?2", Object[].class)
                .setParameter(1, id).setParameter(2, n).getResultList()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ProblemException.notFound("this lesson has no version " + n);
                    }
                    return rows.get(0);
                });
    }

    private static List<String> fields(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isEmpty() ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(LessonHistoryService::camel).toList();
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a lesson snapshot is not JSON", e);
        }
    }

    /** A lesson's JSON snapshot (column names) in the API's terms. */
    private static Map<String, Object> fromSnapshot(JsonNode snapshot, ObjectMapper mapper) {
        Map<String, Object> lesson = new LinkedHashMap<>();
        snapshot.fields().forEachRemaining(field -> lesson.put(camel(field.getKey()),
                mapper.convertValue(field.getValue(), Object.class)));
        return lesson;
    }

    private static String camel(String column) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}
