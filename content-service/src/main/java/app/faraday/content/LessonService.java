package app.faraday.content;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;

import org.hibernate.reactive.mutiny.Mutiny;

import app.faraday.assistant.client.AssistantProfileCheck;
import app.faraday.content.rest.dto.LessonPage;
import app.faraday.content.rest.dto.LessonRequest;
import app.faraday.content.rest.dto.LessonResponse;
import app.faraday.kit.db.Flush;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.error.Problem;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.json.JsonSchemas;
import app.faraday.kit.json.MergePatch;
import app.faraday.kit.security.Caller;
import app.faraday.kit.web.ETags;
import io.smallrye.mutiny.Uni;

/**
 * Lessons: written by their owner, read by the owner and (once published) by every teacher. Every
 * change names the version it was made on (If-Match); calls to assistant-service happen outside any
 * database transaction, and the version is checked again when the change is written.
 */
@ApplicationScoped
public class LessonService {

    /** The workflow; the database enforces the same (lesson_status_move_allowed). */
    static final Map<String, Set<String>> MOVES = Map.of(
            "draft", Set.of("review"),
            "review", Set.of("published", "draft"),
            "published", Set.of("archived"),
            "archived", Set.of("draft"));

    // Content is Markdown that clients render with HTML disabled; refusing markup and script URLs here
    // means a client that renders it less carefully still gets nothing executable from us.
    // A tag starts with "<" directly followed by a name, "/", "!" or "?"; script URLs count in Markdown
    // links "(javascript:...)" and autolinks "<javascript:...>", not in prose such as "heart-rate data: ...".
    private static final Pattern MARKUP = Pattern.compile(
            "<[a-zA-Z!?/][^>]*>|[(<]\\s*(?:javascript|vbscript|data)\\s*:", Pattern.CASE_INSENSITIVE);

    public record Filters(String gradeLevel, Integer week, String status, Integer subjectCategoryId, String q) {
    }

    private final JsonSchema lessonDataSchema = JsonSchemas.load("lesson-data");
    private final LessonRepository lessons;
    private final SubjectCategoryRepository categories;
    private final AssistantProfileCheck profiles;
    private final Transactions tx;
    private final ObjectMapper mapper;
    private final Validator validator;

    public LessonService(LessonRepository lessons, SubjectCategoryRepository categories, AssistantProfileCheck profiles,
            Transactions tx, ObjectMapper mapper, Validator validator) {
        this.lessons = lessons;
        this.categories = categories;
        this.profiles = profiles;
        this.tx = tx;
        this.mapper = mapper;
        this.validator = validator;
    }

    /** The caller's lessons and the published ones, filtered; best match first with {@code q}. */
    public Uni<LessonPage> list(Caller caller, Filters filters, int page, int size) {
        LessonQuery query = LessonQuery.of(filters, caller);
        int offset = page * size;
        return tx.read(caller, session -> query.search() ? search(session, query, page, size)
                : bind(session.createNativeQuery(query.list(), Lesson.class), query)
                        .setFirstResult(offset).setMaxResults(size).getResultList()
                        .chain(list -> bind(session.createNativeQuery(query.count(), Long.class), query)
                                .getSingleResult()
                                .map(total -> page(list, page, size, total, LessonQuery.COUNT_CAP))));
    }

    private Uni<LessonPage> search(Mutiny.Session session, LessonQuery query, int page, int size) {
        int offset = page * size;
        return bind(session.createNativeQuery(query.search(offset, size),
                session.getResultSetMapping(Object[].class, Lesson.WITH_CANDIDATES)), query)
                .setFirstResult(offset).setMaxResults(size).getResultList()
                .chain(rows -> {
                    List<Lesson> list = rows.stream().map(row -> (Lesson) row[0]).toList();
                    // A page past the last candidate carries no count: asked separately, the same bounded way.
                    Uni<Long> candidates = rows.isEmpty()
                            ? bind(session.createNativeQuery(query.searchCount(offset, size), Long.class), query)
                                    .getSingleResult()
                            : Uni.createFrom().item((Long) rows.get(0)[1]);
                    return candidates.map(total -> page(list, page, size, total, LessonQuery.RANK_WINDOW));
                });
    }

    private static <T> Mutiny.SelectionQuery<T> bind(Mutiny.SelectionQuery<T> statement, LessonQuery query) {
        for (int i = 0; i < query.parameters().size(); i++) {
            statement.setParameter(i + 1, query.parameters().get(i));
        }
        return statement;
    }

    private static LessonPage page(List<Lesson> list, int page, int size, long counted, int cap) {
        return new LessonPage(list.stream().map(LessonResponse::of).toList(), page, size, Math.min(counted, cap),
                counted <= cap);
    }

    public Uni<Lesson> get(Caller caller, int id) {
        return tx.read(caller, session -> visible(id));
    }

    public Uni<Lesson> create(Caller caller, String authorization, LessonRequest request) {
        requireValid(request);
        return profiles.requireActive(request.assistantProfileId(), authorization, caller.requestId())
                .chain(() -> tx.run(caller, () -> requireCategory(request.subjectCategoryId()).chain(() -> {
                    Lesson lesson = new Lesson();
                    lesson.userId = caller.userId();
                    apply(lesson, request);
                    return lessons.persist(lesson).chain(() -> Flush.andRefresh(lesson));
                })));
    }

    /** PUT: the lesson becomes {@code request}, if it is still at version {@code expected}. */
    public Uni<Lesson> replace(Caller caller, String authorization, int id, int expected, LessonRequest request) {
        requireValid(request);
        return tx.run(caller, () -> owned(caller, id, expected))
                .chain(current -> checkProfileIfChanged(current, request, authorization, caller))
                .chain(() -> write(caller, id, expected, lesson -> apply(lesson, request)));
    }

    /** PATCH: a JSON merge patch, validated as a whole lesson, if it is still at version {@code expected}. */
    public Uni<Lesson> patch(Caller caller, String authorization, int id, int expected, ObjectNode patch) {
        return tx.run(caller, () -> owned(caller, id, expected)).chain(current -> {
            LessonRequest changed = MergePatch.apply(mapper, validator, requestOf(current), patch, LessonRequest.class);
            requireValid(changed);
            return checkProfileIfChanged(current, changed, authorization, caller)
                    .chain(() -> write(caller, id, expected, lesson -> apply(lesson, changed)));
        });
    }

    /** Moves a lesson along its workflow; {@code expected} may be null (no If-Match). */
    public Uni<Lesson> changeStatus(Caller caller, int id, Integer expected, String status) {
        return tx.run(caller, () -> owned(caller, id, expected).chain(lesson -> {
            if (!lesson.status.equals(status) && !MOVES.get(lesson.status).contains(status)) {
                throw ProblemException.conflict("a lesson cannot move from " + lesson.status + " to " + status
                        + "; from " + lesson.status + " it can move to "
                        + String.join(" or ", MOVES.get(lesson.status).stream().sorted().toList()));
            }
            lesson.status = status;
            return Flush.andRefresh(lesson);
        })).onFailure(ETags::isStaleWrite).transform(e -> ETags.stale());
    }

    /** Owner or admin. */
    public Uni<Void> delete(Caller caller, int id) {
        return tx.run(caller, () -> visible(id).chain(lesson -> {
            if (!caller.isAdmin() && !lesson.userId.equals(caller.userId())) {
                throw ProblemException.forbidden("only the lesson's owner or an admin may delete it");
            }
            return lessons.delete(lesson).chain(() -> lessons.flush());
        })).replaceWithVoid();
    }

    Uni<Lesson> visible(int id) {
        return lessons.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("no such lesson"));
    }

    /** The lesson, if the caller owns it and (when given) it is still at {@code expected}. */
    Uni<Lesson> owned(Caller caller, int id, Integer expected) {
        return visible(id).invoke(lesson -> {
            if (!lesson.userId.equals(caller.userId())) {
                throw ProblemException.forbidden("only the lesson's owner may change it");
            }
            if (expected != null && lesson.version != expected) {
                throw ETags.stale(lesson.version);
            }
        });
    }

    /** Loads the lesson again in a new transaction and changes it, failing with 412 if someone was quicker. */
    Uni<Lesson> write(Caller caller, int id, int expected, Consumer<Lesson> change) {
        return tx.run(caller, () -> owned(caller, id, expected)
                .chain(lesson -> requireCategoryOf(change, lesson).chain(() -> Flush.andRefresh(lesson))))
                .onFailure(ETags::isStaleWrite).transform(e -> ETags.stale());
    }

    private Uni<Void> requireCategoryOf(Consumer<Lesson> change, Lesson lesson) {
        change.accept(lesson);
        return requireCategory(lesson.subjectCategoryId);
    }

    private Uni<Void> checkProfileIfChanged(Lesson current, LessonRequest request, String authorization,
            Caller caller) {
        if (request.assistantProfileId() == null || request.assistantProfileId().equals(current.assistantProfileId)) {
            return Uni.createFrom().voidItem();
        }
        return profiles.requireActive(request.assistantProfileId(), authorization, caller.requestId());
    }

    private Uni<Void> requireCategory(Integer categoryId) {
        return categories.findById(categoryId).onItem().ifNull()
                .failWith(() -> ProblemException.invalid("subjectCategoryId", "no such category"))
                .replaceWithVoid();
    }

    LessonRequest requestOf(Lesson l) {
        return new LessonRequest(l.title, l.content, l.subjectCategoryId, l.assistantProfileId, l.gradeLevel, l.week,
                l.schoolYear, l.contentArea, mapper.valueToTree(l.lessonData));
    }

    void apply(Lesson lesson, LessonRequest request) {
        lesson.title = request.title();
        lesson.content = request.content();
        lesson.subjectCategoryId = request.subjectCategoryId();
        lesson.assistantProfileId = request.assistantProfileId();
        lesson.gradeLevel = request.gradeLevel();
        lesson.week = request.week();
        lesson.schoolYear = request.schoolYear() != null ? request.schoolYear() : currentSchoolYear();
        lesson.contentArea = request.contentArea();
        lesson.lessonData = mapper.convertValue(request.lessonData(), SubjectCategoryService.OBJECT);
    }

    private void requireValid(LessonRequest request) {
        List<Problem.Violation> violations = new ArrayList<>(
                JsonSchemas.violations(lessonDataSchema, "lessonData", request.lessonData()));
        if (MARKUP.matcher(request.content()).find()) {
            violations.add(new Problem.Violation("content",
                    "must be plain text or Markdown without HTML tags or javascript:, vbscript: or data: links"));
        }
        if (request.schoolYear() != null && Integer.parseInt(request.schoolYear().substring(5))
                != Integer.parseInt(request.schoolYear().substring(0, 4)) + 1) {
            violations.add(new Problem.Violation("schoolYear", "must be two consecutive years such as 2026-2027"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    /** School years start on 1 August. */
    static String currentSchoolYear() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int start = today.getMonthValue() >= 8 ? today.getYear() : today.getYear() - 1;
        return start + "-" + (start + 1);
    }
}
