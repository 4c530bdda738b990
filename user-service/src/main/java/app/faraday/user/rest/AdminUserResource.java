package app.faraday.user.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import app.faraday.kit.security.Caller;
import app.faraday.kit.security.CurrentCaller;
import app.faraday.user.account.UserAdminService;
import app.faraday.user.account.UserErasure;
import app.faraday.user.rest.dto.AdminUpdateUserRequest;
import app.faraday.user.rest.dto.UserPage;
import app.faraday.user.rest.dto.UserResponse;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/users")
@Cancellable(false) // a client hang-up must not cut a transaction short: docs/architecture.md
@Tag(name = "Administration")
@RolesAllowed(Caller.ADMIN)
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, expired or invalid token")
@APIResponse(responseCode = "403", description = "Admins only")
public class AdminUserResource {

    private final UserAdminService admin;
    private final UserErasure erasure;
    private final CurrentCaller caller;

    public AdminUserResource(UserAdminService admin, UserErasure erasure, CurrentCaller caller) {
        this.admin = admin;
        this.erasure = erasure;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listUsers", summary = "List users",
            description = "Ordered by name; q matches words in email, name or school.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = UserPage.class)))
    public Uni<UserPage> list(@QueryParam("q") @Size(max = 100) String q,
            @QueryParam("active") @Pattern(regexp = "^(true|false)$", message = "must be true or false") String active,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return admin.list(caller.get(), q, active == null ? null : Boolean.valueOf(active), page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getUser", summary = "Read any user")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "404", description = "No such user")
    public Uni<UserResponse> get(@PathParam("id") UUID id) {
        return admin.get(caller.get(), id).map(UserResponse::of);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(operationId = "updateUser", summary = "Change any user",
            description = "A merge patch; may set active and roles. Deactivating"
                    + " revokes the user's sessions. The last active admin cannot be deactivated or demoted (409).")
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "deactivate", value = "{\"active\": false}"),
            @ExampleObject(name = "make admin", value = "{\"roles\": [\"teacher\", \"admin\"]}") }))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid input")
    @APIResponse(responseCode = "409", description = "Would leave no active administrator")
    public Uni<UserResponse> update(@PathParam("id") UUID id, @Valid @NotNull AdminUpdateUserRequest request) {
        return admin.update(caller.get(), id, request).map(UserResponse::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "eraseUser", summary = "Erase any user",
            description = "As DELETE /api/v1/users/me, for another account.")
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "The last active administrator")
    public Uni<Void> erase(@PathParam("id") UUID id) {
        return erasure.erase(caller.get(), id);
    }
}
