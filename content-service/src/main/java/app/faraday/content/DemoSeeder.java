package app.faraday.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.faraday.content.config.SeedConfig;
import app.faraday.content.rest.dto.CategoryRequest;
import app.faraday.content.rest.dto.LessonRequest;
import app.faraday.kit.db.Flush;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.security.Caller;
import app.faraday.kit.security.DemoAccounts;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Seeds the demo category tree and the seven demo lessons for the local stack, only when
 * {@code faraday.seed.demo} is on. Lessons belong to demo teachers (ids derived from their emails,
 * as user-service seeds them) and go through the same validation and workflow as requests; the
 * assistant profiles are named by id in the order assistant-service seeds them. Idempotent.
 */
@ApplicationScoped
public class DemoSeeder {

    record DemoCategory(String name, String description, String parent, JsonNode metadata) {
    }

    record DemoLesson(String ownerEmail, String category, String assistantProfile, String status, String title,
            String content, String gradeLevel, int week, String schoolYear, String contentArea, JsonNode lessonData) {
    }

    /** assistant-service's demo profiles, by the id its seeder gives them on a fresh database. */
    private static final List<String> PROFILES = List.of("PE Coach", "Health Advisor");

    private final boolean enabled;
    private final SubjectCategoryService categories;
    private final SubjectCategoryRepository categoryRepository;
    private final LessonService lessons;
    private final LessonRepository lessonRepository;
    private final Transactions tx;
    private final ObjectMapper mapper;

    public DemoSeeder(SeedConfig seed, SubjectCategoryService categories,
            SubjectCategoryRepository categoryRepository, LessonService lessons, LessonRepository lessonRepository,
            Transactions tx, ObjectMapper mapper) {
        this.enabled = seed.demo();
        this.categories = categories;
        this.categoryRepository = categoryRepository;
        this.lessons = lessons;
        this.lessonRepository = lessonRepository;
        this.tx = tx;
        this.mapper = mapper;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (enabled) {
            int created = VertxContextSupport.subscribeAndAwait(this::seed);
            Log.infof("Demo data: %d categories and lessons created", created);
        }
    }

    /** Creates what is missing; answers how many categories and lessons it created. */
    public Uni<Integer> seed() {
        Caller system = Caller.system("seed-demo");
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (DemoCategory demo : read("seed/demo-categories.json", new TypeReference<List<DemoCategory>>() {
        })) {
            chain = chain.chain(count -> tx.run(system, () -> categoryRepository.findByName(demo.name()))
                    .chain(existing -> {
                if (existing != null) {
                    return Uni.createFrom().item(count);
                }
                Uni<Integer> parentId = demo.parent() == null ? Uni.createFrom().nullItem()
                        : tx.run(system, () -> categoryRepository.findByName(demo.parent())).map(p -> p.id);
                return parentId.chain(parent -> categories.create(system,
                        new CategoryRequest(demo.name(), demo.description(), parent, demo.metadata())))
                        .replaceWith(count + 1);
            }));
        }
        for (DemoLesson demo : read("seed/demo-lessons.json", new TypeReference<List<DemoLesson>>() {
        })) {
            chain = chain.chain(count -> seedLesson(demo).map(created -> created ? count + 1 : count));
        }
        return chain;
    }

    private Uni<Boolean> seedLesson(DemoLesson demo) {
        Caller owner = Caller.of(DemoAccounts.userId(demo.ownerEmail()), Set.of(Caller.TEACHER), "seed-demo");
        return tx.run(owner, () -> lessonRepository.count("userId = ?1 and title = ?2", owner.userId(), demo.title()))
                .chain(existing -> existing > 0 ? Uni.createFrom().item(false)
                        : tx.run(owner, () -> categoryRepository.findByName(demo.category())).chain(category -> {
                            Integer profile = demo.assistantProfile() == null ? null
                                    : PROFILES.indexOf(demo.assistantProfile()) + 1;
                            LessonRequest request = new LessonRequest(demo.title(), demo.content(), category.id, null,
                                    demo.gradeLevel(), demo.week(), demo.schoolYear(), demo.contentArea(),
                                    demo.lessonData());
                            return lessons.create(owner, null, request)
                                    .chain(lesson -> setProfile(owner, lesson, profile))
                                    .chain(lesson -> advance(owner, lesson, demo.status()))
                                    .replaceWith(true);
                        }));
    }

    /** Set below the API: the seeder has no token to ask assistant-service with, and the ids are its seeds'. */
    private Uni<Lesson> setProfile(Caller owner, Lesson lesson, Integer profile) {
        if (profile == null) {
            return Uni.createFrom().item(lesson);
        }
        return tx.run(owner, () -> lessonRepository.findById(lesson.id).chain(l -> {
            l.assistantProfileId = profile;
            return Flush.andRefresh(l);
        }));
    }

    private Uni<Lesson> advance(Caller owner, Lesson lesson, String status) {
        List<String> path = switch (status) {
            case "review" -> List.of("review");
            case "published" -> List.of("review", "published");
            default -> List.of();
        };
        Uni<Lesson> chain = Uni.createFrom().item(lesson);
        for (String next : path) {
            chain = chain.chain(l -> lessons.changeStatus(owner, l.id, null, next));
        }
        return chain;
    }

    private <T> List<T> read(String resource, TypeReference<List<T>> type) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            return mapper.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + resource, e);
        }
    }
}
