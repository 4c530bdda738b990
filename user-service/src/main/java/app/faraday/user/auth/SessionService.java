package app.faraday.user.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.security.Caller;
import app.faraday.user.auth.RefreshTokenRepository.Presented;
import app.faraday.user.config.SessionConfig;
import app.faraday.user.rest.dto.TokenResponse;
import io.smallrye.mutiny.Uni;

/**
 * Sign-in sessions as refresh-token families (RFC 9700): rotation on every refresh, reuse of a spent
 * token revokes the family, idle and absolute expiry, logout, and revoking everything a user has.
 */
@ApplicationScoped
public class SessionService {

    static final String INVALID = "the refresh token is not valid; sign in again";

    private final RefreshTokenRepository tokens;
    private final Transactions tx;
    private final TokenIssuer issuer;
    private final SessionConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SessionService(RefreshTokenRepository tokens, Transactions tx, TokenIssuer issuer, SessionConfig config,
            Clock clock) {
        this.tokens = tokens;
        this.tx = tx;
        this.issuer = issuer;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts a family for a user who just proved who they are at {@code authenticatedAt}; call inside a
     * transaction run as that user. Every access token of the family carries that time as {@code auth_time}.
     */
    public Uni<TokenResponse> start(UUID userId, Set<String> roles, OffsetDateTime authenticatedAt) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return issue(userId, roles, UUID.randomUUID(), now, now.plus(config.absoluteTtl()), authenticatedAt);
    }

    public Uni<TokenResponse> refresh(String presented, Caller anonymous) {
        byte[] hash = hash(presented);
        return tx.run(anonymous, () -> tokens.lookup(hash)).chain(token -> {
            if (token == null) {
                return invalid();
            }
            Caller owner = anonymous.actingAs(token.userId(), roles(token));
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (token.spent()) {
                // A spent token came back: someone holds a copy. End the session for both.
                return tx.run(owner, () -> tokens.revokeFamily(token.familyId(), now)).chain(revoked -> invalid());
            }
            if (token.revoked() || !token.active() || now.isAfter(token.expiresAt())
                    || now.isAfter(token.familyExpiresAt())) {
                return invalid();
            }
            return tx.run(owner, () -> tokens.spend(token.id(), now).chain(spent -> spent
                    ? issue(token.userId(), owner.roles(), token.familyId(), now,
                            token.familyExpiresAt(), token.authenticatedAt())
                    : tokens.revokeFamily(token.familyId(), now).replaceWith((TokenResponse) null)))
                    .onItem().ifNull().switchTo(SessionService::invalid);
        });
    }

    /** Ends the session the token belongs to; silent when it is unknown or another user's. */
    public Uni<Void> logout(Caller caller, String presented) {
        byte[] hash = hash(presented);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return tx.run(caller, () -> tokens.find("tokenHash", hash).firstResult()
                .chain(token -> token == null ? Uni.createFrom().item(0) : tokens.revokeFamily(token.familyId, now)))
                .replaceWithVoid();
    }

    /** Revokes every session of a user; call inside a transaction allowed to see that user's tokens. */
    public Uni<Integer> revokeAll(UUID userId) {
        return tokens.revokeAllOf(userId, OffsetDateTime.now(clock));
    }

    private Uni<TokenResponse> issue(UUID userId, Set<String> roles, UUID familyId, OffsetDateTime now,
            OffsetDateTime familyExpiresAt, OffsetDateTime authenticatedAt) {
        String raw = newToken();
        RefreshToken token = new RefreshToken();
        token.id = UUID.randomUUID();
        token.familyId = familyId;
        token.userId = userId;
        token.tokenHash = hash(raw);
        token.createdAt = now;
        OffsetDateTime idle = now.plus(config.idleTtl());
        token.expiresAt = idle.isBefore(familyExpiresAt) ? idle : familyExpiresAt;
        token.familyExpiresAt = familyExpiresAt;
        token.authenticatedAt = authenticatedAt;
        return tokens.persist(token).map(saved -> {
            TokenIssuer.AccessToken access = issuer.accessToken(userId, roles,
                    authenticatedAt == null ? null : authenticatedAt.toInstant());
            return new TokenResponse(access.token(), "Bearer", access.expiresInSeconds(), raw);
        });
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        return Sha256.of(token);
    }

    private static Set<String> roles(Presented token) {
        return Arrays.stream(token.roles().split(",")).collect(Collectors.toSet());
    }

    private static <T> Uni<T> invalid() {
        return Uni.createFrom().failure(ProblemException.unauthorized(INVALID));
    }
}
