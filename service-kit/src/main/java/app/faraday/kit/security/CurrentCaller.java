package app.faraday.kit.security;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import app.faraday.kit.web.RequestIds;
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

    private Caller build() {
        String requestId = RequestIds.of(request.getCurrent());
        if (token == null || token.getSubject() == null) {
            return Caller.anonymous(requestId);
        }
        try {
            return new Caller(UUID.fromString(token.getSubject()), token.getGroups(), requestId);
        } catch (IllegalArgumentException e) {
            // Service tokens carry a client id as subject: they act for no user, so they keep no user role
            // (an admin group without a user would be admin rights with no actor in the audit trail).
            return new Caller(null, token.getGroups().contains(Caller.SERVICE) ? Set.of(Caller.SERVICE) : Set.of(), requestId);
        }
    }
}
