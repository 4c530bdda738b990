package app.faraday.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;

import app.faraday.content.rest.dto.CategoryNode;
import app.faraday.content.rest.dto.CategoryPage;
import app.faraday.content.rest.dto.CategoryRequest;
import app.faraday.content.rest.dto.CategoryResponse;
import app.faraday.kit.db.Flush;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.error.DatabaseErrors;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.json.JsonSchemas;
import app.faraday.kit.json.MergePatch;
import app.faraday.kit.security.Caller;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The subject category tree. Cycles, depth and concurrent moves are the database's to refuse
 * (db/migration/V1__categories.sql); this class gives its refusals clear words.
 */
@ApplicationScoped
public class SubjectCategoryService {

    static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final Predicate<Throwable> DUPLICATE_NAME = DatabaseErrors.violates("subject_categories_name_key");
    private static final Predicate<Throwable> STILL_REFERENCED = e -> {
        DatabaseErrors.Failure failure = DatabaseErrors.find(e);
        return failure != null && "23503".equals(failure.sqlState());
    };

    private final JsonSchema metadataSchema = JsonSchemas.load("category-metadata");
    private final SubjectCategoryRepository categories;
    private final Transactions tx;
    private final ObjectMapper mapper;
    private final Validator validator;

    public SubjectCategoryService(SubjectCategoryRepository categories, Transactions tx, ObjectMapper mapper,
            Validator validator) {
        this.categories = categories;
        this.tx = tx;
        this.mapper = mapper;
        this.validator = validator;
    }

    /** A flat page, all categories or the children of one. */
    public Uni<CategoryPage> list(Caller caller, Integer parentId, int page, int size) {
        return tx.run(caller, () -> {
            var found = parentId == null ? categories.findAll(Sort.by("name").and("id"))
                    : categories.find("parentId", Sort.by("name").and("id"), parentId);
            found.page(Page.of(page, size));
            return found.list().chain(list -> found.count().map(total -> new CategoryPage(
                    list.stream().map(CategoryResponse::of).toList(), page, size, total)));
        });
    }

    /** The whole tree, nested, each level ordered by name. */
    public Uni<List<CategoryNode>> tree(Caller caller) {
        return tx.run(caller, () -> categories.listAll(Sort.by("depth").and("name"))).map(SubjectCategoryService::nest);
    }

    public Uni<SubjectCategory> get(Caller caller, int id) {
        return tx.run(caller, () -> visible(id));
    }

    public Uni<SubjectCategory> create(Caller caller, CategoryRequest request) {
        requireValidMetadata(request.metadata());
        SubjectCategory category = new SubjectCategory();
        apply(category, request);
        return tx.run(caller, () -> requireParent(request.parentId())
                .chain(() -> categories.persist(category))
                .chain(() -> Flush.andRefresh(category)))
                .onFailure(DUPLICATE_NAME).transform(e -> duplicateName(request.name()));
    }

    /** A merge patch; a new parentId moves the category with its whole branch. */
    public Uni<SubjectCategory> update(Caller caller, int id, ObjectNode patch) {
        return tx.run(caller, () -> visible(id).chain(category -> {
            CategoryRequest changed = MergePatch.apply(mapper, validator, requestOf(category), patch,
                    CategoryRequest.class);
            requireValidMetadata(changed.metadata());
            return requireParent(changed.parentId()).chain(() -> {
                apply(category, changed);
                return Flush.andRefresh(category);
            });
        })).onFailure(DUPLICATE_NAME).transform(e -> duplicateName(patch.path("name").asText()));
    }

    /** Deletes a category that no lesson and no subcategory uses (409 saying which otherwise). */
    public Uni<Void> delete(Caller caller, int id) {
        return tx.runWithSession(caller, session -> visible(id).chain(category -> session
                .createNativeQuery("select (select count(*) from content.lessons where subject_category_id = ?1),"
                        + " (select count(*) from content.subject_categories where parent_id = ?1)", Object[].class)
                .setParameter(1, id).getSingleResult()
                .chain(counts -> {
                    long lessons = ((Number) counts[0]).longValue();
                    long children = ((Number) counts[1]).longValue();
                    if (lessons > 0) {
                        throw ProblemException.conflict("the category is used by " + lessons + " lesson"
                                + (lessons == 1 ? "" : "s") + "; move them to another category first");
                    }
                    if (children > 0) {
                        throw ProblemException.conflict("the category has " + children + " subcategor"
                                + (children == 1 ? "y" : "ies") + "; move or delete them first");
                    }
                    return categories.delete(category).chain(() -> categories.flush());
                })))
                .onFailure(STILL_REFERENCED).transform(e -> ProblemException.conflict(
                        "the category came into use while it was being deleted; it was kept"))
                .replaceWithVoid();
    }

    Uni<SubjectCategory> visible(int id) {
        return categories.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("no such category"));
    }

    private Uni<Void> requireParent(Integer parentId) {
        if (parentId == null) {
            return Uni.createFrom().voidItem();
        }
        return categories.findById(parentId).onItem().ifNull()
                .failWith(() -> ProblemException.invalid("parentId", "no such category"))
                .replaceWithVoid();
    }

    private CategoryRequest requestOf(SubjectCategory c) {
        return new CategoryRequest(c.name, c.description, c.parentId, mapper.valueToTree(c.metadata));
    }

    private void apply(SubjectCategory category, CategoryRequest request) {
        category.name = request.name();
        category.description = request.description();
        category.parentId = request.parentId();
        category.metadata = request.metadata() == null || request.metadata().isNull() ? new LinkedHashMap<>()
                : mapper.convertValue(request.metadata(), OBJECT);
    }

    private void requireValidMetadata(JsonNode metadata) {
        if (metadata != null && !metadata.isNull()) {
            JsonSchemas.require(metadataSchema, "metadata", metadata);
        }
    }

    private static ProblemException duplicateName(String name) {
        return ProblemException.conflict("a category named \"" + name + "\" already exists");
    }

    /** Builds the nested tree from categories ordered by depth (parents before children). */
    static List<CategoryNode> nest(List<SubjectCategory> flat) {
        Map<Integer, List<SubjectCategory>> children = new LinkedHashMap<>();
        List<SubjectCategory> roots = new ArrayList<>();
        for (SubjectCategory c : flat) {
            if (c.parentId == null) {
                roots.add(c);
            } else {
                children.computeIfAbsent(c.parentId, k -> new ArrayList<>()).add(c);
            }
        }
        return roots.stream().sorted(Comparator.comparing(c -> c.name)).map(c -> node(c, children)).toList();
    }

    private static CategoryNode node(SubjectCategory c, Map<Integer, List<SubjectCategory>> children) {
        List<CategoryNode> below = children.getOrDefault(c.id, List.of()).stream()
                .sorted(Comparator.comparing(child -> child.name)).map(child -> node(child, children)).toList();
        return new CategoryNode(c.id, c.name, c.description, c.metadata, below);
    }
}
