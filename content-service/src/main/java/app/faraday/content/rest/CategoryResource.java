package app.faraday.content.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import app.faraday.content.SubjectCategoryService;
import app.faraday.content.rest.dto.CategoryNode;
import app.faraday.content.rest.dto.CategoryPage;
import app.faraday.content.rest.dto.CategoryRequest;
import app.faraday.content.rest.dto.CategoryResponse;
import app.faraday.kit.security.Caller;
import app.faraday.kit.security.CurrentCaller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/subject-categories")
@Cancellable(false) // a client hang-up must not cut a transaction short: docs/architecture.md
@Tag(name = "Subject categories")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, expired or invalid token")
public class CategoryResource {

    private final SubjectCategoryService categories;
    private final CurrentCaller caller;

    public CategoryResource(SubjectCategoryService categories, CurrentCaller caller) {
        this.categories = categories;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Caller.TEACHER, Caller.ADMIN })
    @Operation(operationId = "listSubjectCategories", summary = "List categories",
            description = "Flat, ordered by name; parentId lists one category's children.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CategoryPage.class)))
    public Uni<CategoryPage> list(@QueryParam("parentId") @Min(1) Integer parentId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return categories.list(caller.get(), parentId, page, size);
    }

    @GET
    @Path("/tree")
    @RolesAllowed({ Caller.TEACHER, Caller.ADMIN })
    @Operation(operationId = "getSubjectCategoryTree", summary = "The whole category tree, nested")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CategoryNode.class)))
    public Uni<List<CategoryNode>> tree() {
        return categories.tree(caller.get());
    }

    @POST
    @RolesAllowed(Caller.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSubjectCategory", summary = "Create a category",
            description = "Names are unique (case-insensitive); the tree is at most 5 levels deep.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Team Sports",
            value = "{\"name\": \"Team Sports\", \"description\": \"Invasion, net and striking games\","
                    + " \"parentId\": 1, \"metadata\": {\"color\": \"#1565C0\", \"icon\": \"users\"}}")))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = CategoryResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid input")
    @APIResponse(responseCode = "403", description = "Admins only")
    @APIResponse(responseCode = "409", description = "Name taken, or the tree would be too deep")
    public Uni<RestResponse<CategoryResponse>> create(@Valid @NotNull CategoryRequest request) {
        return categories.create(caller.get(), request).map(c -> RestResponse.ResponseBuilder
                .<CategoryResponse>created(URI.create("/api/v1/subject-categories/" + c.id))
                .entity(CategoryResponse.of(c)).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Caller.TEACHER, Caller.ADMIN, Caller.SERVICE })
    @Operation(operationId = "getSubjectCategory", summary = "Read a category")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CategoryResponse.class)))
    @APIResponse(responseCode = "404", description = "No such category")
    public Uni<CategoryResponse> get(@PathParam("id") int id) {
        return categories.get(caller.get(), id).map(CategoryResponse::of);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Caller.ADMIN)
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(operationId = "updateSubjectCategory", summary = "Change or move a category",
            description = "A JSON merge patch. A new parentId moves the"
                    + " category with its whole branch; moving it under itself or a descendant, or deeper than 5"
                    + " levels, is 409.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Object.class), examples = {
            @ExampleObject(name = "move", value = "{\"parentId\": 3}"),
            @ExampleObject(name = "make a root", value = "{\"parentId\": null}") }))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CategoryResponse.class)))
    @APIResponse(responseCode = "409", description = "A cycle, too deep, or name taken")
    public Uni<CategoryResponse> update(@PathParam("id") int id, @NotNull ObjectNode patch) {
        return categories.update(caller.get(), id, patch).map(CategoryResponse::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "deleteSubjectCategory", summary = "Delete an unused category",
            description = "409 while lessons or subcategories use it, saying how many.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Still in use")
    public Uni<Void> delete(@PathParam("id") int id) {
        return categories.delete(caller.get(), id);
    }
}
