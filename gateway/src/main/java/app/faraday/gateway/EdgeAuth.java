package app.faraday.gateway;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The token check at the edge, with the services' own rules (mp.jwt.* in application.properties:
 * RS256 only, issuer, audience, lifetime, keys from user-service's JWKS). The services check again:
 * the network behind the gateway is not trusted either.
 */
@ApplicationScoped
public class EdgeAuth {

    /** Enough for every token in use at once in a district; beyond it, expired entries go first. */
    static final int CACHE_SIZE = 20_000;

    private final JWTParser parser;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public EdgeAuth(JWTParser parser) {
        this.parser = parser;
    }

    /** A token that verified, remembered until it expires: its signature need not be checked again. */
    private record Verified(String subject, long expiresAt) {
    }

    /** The verified token's subject, or a failure when the token does not verify. */
    public Uni<String> subject(String token) {
        Verified known = verified.get(token);
        if (known != null && known.expiresAt() > Instant.now().getEpochSecond()) {
            return Uni.createFrom().item(known.subject());
        }
        // Fetching or refreshing the key set is blocking I/O: off the event loop.
        return Uni.createFrom().item(() -> {
            try {
                JsonWebToken jwt = parser.parse(token);
                remember(token, new Verified(jwt.getSubject(), jwt.getExpirationTime()));
                return jwt.getSubject();
            } catch (ParseException e) {
                throw new InvalidToken(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void remember(String token, Verified entry) {
        if (verified.size() >= CACHE_SIZE) {
            long now = Instant.now().getEpochSecond();
            verified.values().removeIf(v -> v.expiresAt() <= now);
            if (verified.size() >= CACHE_SIZE) {
                verified.clear();
            }
        }
        verified.put(token, entry);
    }

    /** Why a token was refused stays in the log at debug level; the caller only hears 401. */
    public static final class InvalidToken extends RuntimeException {
        InvalidToken(Throwable cause) {
            super("invalid token", cause, false, false);
        }
    }

    static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
