package app.faraday.user.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
import app.faraday.user.account.UserService;
import app.faraday.user.auth.AuthService;
import app.faraday.user.auth.PasswordHasher;
import app.faraday.user.auth.ServiceTokens;
import app.faraday.user.auth.SessionService;
import app.faraday.user.rest.dto.LoginRequest;
import app.faraday.user.rest.dto.RefreshTokenRequest;
import app.faraday.user.rest.dto.RegisterRequest;
import app.faraday.user.rest.dto.ServiceTokenRequest;
import app.faraday.user.rest.dto.TokenResponse;
import app.faraday.user.rest.dto.UserResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/v1/auth")
@Cancellable(false) // a client hang-up must not cut a transaction short: docs/architecture.md
@Tag(name = "Auth")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final UserService users;
    private final AuthService auth;
    private final SessionService sessions;
    private final ServiceTokens serviceTokens;
    private final CurrentCaller caller;

    public AuthResource(UserService users, AuthService auth, SessionService sessions,
            ServiceTokens serviceTokens, CurrentCaller caller) {
        this.users = users;
        this.auth = auth;
        this.sessions = sessions;
        this.serviceTokens = serviceTokens;
        this.caller = caller;
    }

    @POST
    @Path("/register")
    @Operation(operationId = "register", summary = "Register a teacher account",
            description = "Public unless switched off by configuration."
                    + " The password policy applies: at least 15 characters, at most 72 UTF-8 bytes,"
                    + " not common, not your email or name.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "teacher", value = """
            {"email": "maria.lopez@springfield.edu", "password": "maple kayak lantern orbit", "name": "Maria Lopez",
             "school": "Lincoln Elementary", "department": "Physical Education",
             "subjects": ["Physical Education", "Adaptive PE"], "gradeLevels": ["K", "1", "2"]}""")))
    @APIResponse(responseCode = "201", description = "Account created",
            content = @Content(schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid input or the password breaks the policy")
    @APIResponse(responseCode = "403", description = "Self-registration is switched off")
    @APIResponse(responseCode = "409", description = "An account with this email already exists")
    @APIResponse(responseCode = "503", description = PasswordHasher.BUSY,
            headers = @Header(name = "Retry-After", description = "seconds to wait",
                    schema = @Schema(implementation = Integer.class)))
    public Uni<Response> register(@Valid @NotNull RegisterRequest request) {
        return users.register(request, caller.get())
                .map(user -> Response.status(Response.Status.CREATED)
                        .header("Location", "/api/v1/users/" + user.id)
                        .entity(UserResponse.of(user)).build());
    }

    @POST
    @Path("/login")
    @Operation(operationId = "signIn", summary = "Sign in",
            description = "Answers an access token. A wrong email, a wrong password and an"
                    + " inactive account all get the same 401.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "teacher", value = """
            {"email": "maria.lopez@springfield.edu", "password": "maple kayak lantern orbit"}""")))
    @APIResponse(responseCode = "200", description = "Signed in",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed request")
    @APIResponse(responseCode = "401", description = "Wrong email or password")
    @APIResponse(responseCode = "429", description = "Too many failed sign-ins for this email from this address, for"
            + " this email from anywhere, or from this address for any email (an address this account signed in from"
            + " in the last 30 days is held only to the first);"
            + " the same answer whether or not the email has an account",
            headers = @Header(name = "Retry-After", description = "seconds to wait",
                    schema = @Schema(implementation = Integer.class)))
    @APIResponse(responseCode = "503", description = PasswordHasher.BUSY,
            headers = @Header(name = "Retry-After", description = "seconds to wait",
                    schema = @Schema(implementation = Integer.class)))
    public Uni<TokenResponse> login(@Valid @NotNull LoginRequest request, @Context HttpServerRequest http) {
        return auth.login(request, http.remoteAddress().hostAddress(), caller.get(),
                () -> !http.response().closed());
    }

    @POST
    @Path("/refresh")
    @Operation(operationId = "refreshSession", summary = "Exchange a refresh token for a new pair",
            description = "The presented token is spent."
                    + " Presenting a spent token again revokes its whole session (reuse detection, RFC 9700).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "refresh", value = """
            {"refreshToken": "kq2Yv7cXyq0m3V4x0nL1m2b3c4d5e6f7g8h9i0j1k2l"}""")))
    @APIResponse(responseCode = "200", description = "A new access token and refresh token",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401", description = "Unknown, spent, revoked or expired refresh token")
    public Uni<TokenResponse> refresh(@Valid @NotNull RefreshTokenRequest request) {
        return sessions.refresh(request.refreshToken(), caller.get());
    }

    @POST
    @Path("/service-token")
    @Operation(operationId = "getServiceToken", summary = "Exchange service credentials for a service token",
            description = "For Faraday's own"
                    + " services (client credentials from their deployment). The token carries only the service role"
                    + " and lives 5 minutes; user endpoints refuse it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401", description = "Unknown client or wrong secret")
    public TokenResponse serviceToken(@Valid @NotNull ServiceTokenRequest request) {
        return serviceTokens.exchange(request);
    }

    @POST
    @Path("/logout")
    @RolesAllowed({ Caller.TEACHER, Caller.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "signOut", summary = "End a session",
            description = "Revokes the refresh token and its session. Answers 204"
                    + " whether or not the token was known, so it reveals nothing.")
    @APIResponse(responseCode = "204", description = "Signed out")
    @APIResponse(responseCode = "401", description = "Missing or invalid access token")
    public Uni<Void> logout(@Valid @NotNull RefreshTokenRequest request) {
        return sessions.logout(caller.get(), request.refreshToken());
    }
}
