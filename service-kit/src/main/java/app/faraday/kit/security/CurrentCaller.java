package app.faraday.kit.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import app.faraday.kit.error.ProblemException;
import app.faraday.kit.web.RequestIds;
import app.faraday.kit.web.Uuids;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/** The {@link Caller} of the current request, built once from the verified token. */
@RequestScoped
public class CurrentCaller {

    private final JsonWebToken token;
    private final CurrentVertxRequest request;
    private Caller caller;

    public CurrentCaller(JsonWebToken token, CurrentVertxRequest request) {
        this.token = token;
        this.request = request;
    }

    public Caller get() {
        if (caller == null) {
            caller = build();
        }
        return caller;
    }

    public String requestId() {
        return get().requestId();
    }

    /** The caller's own token as an Authorization header, for calls made on the caller's behalf. */
    public String authorization() {
        return token == null || token.getRawToken() == null ? null : "Bearer " + token.getRawToken();
    }

    /**
     * Whether the token carries this scope (service tokens: {@code feed:<publisher>}, space-separated in
     * {@code scope}).
     */
    public boolean hasScope(String scope) {
        Object claim = token == null ? null : token.getClaim("scope");
        String scopes = claim instanceof jakarta.json.JsonString json ? json.getString()
                : claim == null ? null : claim.toString();
        return scopes != null && java.util.Arrays.asList(scopes.split(" ")).contains(scope);
    }

    /** When the caller last signed in with a password (the token's {@code auth_time}); null when unknown. */
    public Instant authTime() {
        Object claim = token == null ? null : token.getClaim("auth_time");
        if (claim instanceof Number number) {
            return Instant.ofEpochSecond(number.longValue());
        }
        if (claim instanceof jakarta.json.JsonNumber number) {
            return Instant.ofEpochSecond(number.longValue());
        }
        return null;
    }

    /**
     * Refuses with a step-up 401 (RFC 9470) unless the caller signed in within {@code maxAge} of
     * {@code now}: for what a stolen access token must not be able to do, such as erasing the account.
     */
    public void requireSignInWithin(Duration maxAge, Instant now) {
        Instant authTime = authTime();
        if (authTime == null || authTime.isBefore(now.minus(maxAge))) {
            throw ProblemException.signInAgain(maxAge.toSeconds());
        }
    }

    private Caller build() {
        String requestId = RequestIds.of(request.getCurrent());
        String clientRequestId = RequestIds.clientOf(request.getCurrent());
        if (token == null || token.getSubject() == null) {
            return new Caller(null, Set.of(), requestId, clientRequestId);
        }
        UUID user = Uuids.parseOrNull(token.getSubject());
        if (user != null) {
            return new Caller(user, token.getGroups(), requestId, clientRequestId);
        }
        // Service tokens carry a client id as subject: they act for no user, so they keep no user role
        // (an admin group without a user would be admin rights with no actor in the audit trail).
        return new Caller(null, token.getGroups().contains(Caller.SERVICE) ? Set.of(Caller.SERVICE) : Set.of(),
                requestId,
                clientRequestId);
    }
}
