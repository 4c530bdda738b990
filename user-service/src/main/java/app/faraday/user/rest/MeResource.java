package app.faraday.user.rest;

import java.time.Clock;
import java.time.Duration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
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
import app.faraday.user.account.PreferencesService;
import app.faraday.user.account.UserErasure;
import app.faraday.user.account.UserService;
import app.faraday.user.auth.PasswordHasher;
import app.faraday.user.config.AccountsConfig;
import app.faraday.user.rest.dto.PasswordChangeRequest;
import app.faraday.user.rest.dto.Preferences;
import app.faraday.user.rest.dto.UpdateProfileRequest;
import app.faraday.user.rest.dto.UserResponse;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/users/me")
@Cancellable(false) // a client hang-up must not cut a transaction short: docs/architecture.md
@Tag(name = "Users")
@RolesAllowed({ Caller.TEACHER, Caller.ADMIN })
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, expired or invalid token")
@APIResponse(responseCode = "403", description = "Not a teacher or admin token (e.g. a service token)")
public class MeResource {

    private final UserService users;
    private final PreferencesService preferences;
    private final UserErasure erasure;
    private final CurrentCaller caller;
    private final Clock clock;
    private final Duration erasureSignInAge;

    public MeResource(UserService users, PreferencesService preferences, UserErasure erasure, CurrentCaller caller,
            Clock clock, AccountsConfig.Erasure erasureConfig) {
        this.users = users;
        this.preferences = preferences;
        this.erasure = erasure;
        this.caller = caller;
        this.clock = clock;
        this.erasureSignInAge = erasureConfig.maxSignInAge();
    }

    @GET
    @Operation(operationId = "getMe", summary = "Your own profile")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = UserResponse.class)))
    public Uni<UserResponse> me() {
        return users.me(caller.get()).map(UserResponse::of);
    }

    @DELETE
    @Operation(operationId = "eraseMe", summary = "Erase your account",
            description = "Deletes your account, preferences and sessions at"
                    + " once, and announces the deletion so your lessons and memories are erased too. Needs a recent"
                    + " sign-in: the token's auth_time at most 5 minutes old (FARADAY_ERASURE_MAX_SIGN_IN_AGE); a token"
                    + " refreshed from an older sign-in gets the RFC 9470 step-up 401.")
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(responseCode = "401", description = "Missing or invalid token, or a sign-in that is not recent enough:"
            + " then type insufficient-user-authentication; sign in again with the password and retry",
            headers = @Header(name = "WWW-Authenticate", description = "Bearer realm=\"faraday\","
                    + " error=\"insufficient_user_authentication\", error_description=\"...\", max_age=300",
                    schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "409", description = "You are the last active administrator")
    public Uni<Void> erase() {
        caller.requireSignInWithin(erasureSignInAge, clock.instant());
        return erasure.erase(caller.get(), caller.get().userId());
    }

    @PATCH
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(operationId = "updateMe", summary = "Change your name, school, department, subjects or grade levels",
            description = "A merge patch: omitted fields stay, null clears school or department.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "move school", value = """
            {"school": "Springfield Middle School", "gradeLevels": ["6", "7", "8"]}""")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid input")
    public Uni<UserResponse> update(@Valid @NotNull UpdateProfileRequest request) {
        return users.updateProfile(caller.get(), request).map(UserResponse::of);
    }

    @PUT
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeMyPassword", summary = "Change your password",
            description = "The password policy applies to the new password."
                    + " Every session (refresh token) you have is revoked; sign in again.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "change", value = """
            {"currentPassword": "maple kayak lantern orbit", "newPassword": "cedar falcon harbor meadow"}""")))
    @APIResponse(responseCode = "204", description = "Changed; all sessions revoked")
    @APIResponse(responseCode = "400", description = "Wrong current password, or the new one breaks the policy")
    @APIResponse(responseCode = "429", description = "Too many wrong current passwords for this account: throttled"
            + " like sign-in (5 free tries, then a lock that doubles up to 15 minutes), on a counter of its own",
            headers = @Header(name = "Retry-After", description = "seconds to wait",
                    schema = @Schema(implementation = Integer.class)))
    @APIResponse(responseCode = "503", description = PasswordHasher.BUSY,
            headers = @Header(name = "Retry-After", description = "seconds to wait",
                    schema = @Schema(implementation = Integer.class)))
    public Uni<Void> changePassword(@Valid @NotNull PasswordChangeRequest request) {
        return users.changePassword(caller.get(), request);
    }

    @GET
    @Path("/preferences")
    @Operation(operationId = "getMyPreferences", summary = "Your preferences")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Preferences.class)))
    public Uni<Preferences> preferences() {
        return preferences.get(caller.get());
    }

    @PUT
    @Path("/preferences")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceMyPreferences", summary = "Replace your preferences",
            description = "notifications must match the published"
                    + " Notifications schema; language is a BCP 47 tag, timezone an IANA zone.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "evening quiet", value = """
            {"theme": "dark", "language": "en-US", "timezone": "America/Chicago",
             "notifications": {"email": {"lessonReminders": true, "securityAlerts": true}, "digest": "weekly",
                               "quietHours": {"start": "21:00", "end": "07:00"}}}""")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Preferences.class)))
    @APIResponse(responseCode = "400", description = "Invalid input")
    public Uni<Preferences> replacePreferences(@Valid @NotNull Preferences request) {
        return preferences.replace(caller.get(), request);
    }
}
