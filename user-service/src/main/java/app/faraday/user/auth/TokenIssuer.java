package app.faraday.user.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.faraday.user.config.JwtConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Issues RS256 access tokens carrying {@code iss}, {@code aud}, {@code sub}, {@code groups} and {@code jti}. */
@ApplicationScoped
public class TokenIssuer {

    private final SigningKeys keys;
    private final JwtConfig config;
    private final Clock clock;

    public TokenIssuer(SigningKeys keys, JwtConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    public record AccessToken(String token, long expiresInSeconds) {
    }

    /** Service tokens live briefly: the services ask for a new one rather than hold one long. */
    static final long SERVICE_TOKEN_SECONDS = 300;

    /**
     * A token for another Faraday service: subject and {@code client_id} are its client id, its only role
     * {@code service}, and {@code scope} what it may do (RFC 9068), e.g. {@code feed:user-service}.
     */
    public AccessToken serviceToken(String clientId, Set<String> scopes) {
        JwtClaimsBuilder claims = claims(clientId, Set.of("service"), SERVICE_TOKEN_SECONDS)
                .claim("client_id", clientId)
                .claim("scope", String.join(" ", scopes.stream().sorted().toList()));
        return new AccessToken(sign(claims), SERVICE_TOKEN_SECONDS);
    }

    /** @param authTime when the user last signed in with their password (OIDC {@code auth_time}); null when unknown */
    public AccessToken accessToken(UUID userId, Set<String> roles, Instant authTime) {
        long ttl = config.accessTokenTtl().toSeconds();
        JwtClaimsBuilder claims = claims(userId.toString(), roles, ttl).upn(userId.toString());
        if (authTime != null) {
            claims.claim("auth_time", authTime.getEpochSecond());
        }
        return new AccessToken(sign(claims), ttl);
    }

    private JwtClaimsBuilder claims(String subject, Set<String> groups, long ttlSeconds) {
        Instant now = clock.instant();
        return Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(subject)
                .groups(groups)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(ttlSeconds));
    }

    private String sign(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(SignatureAlgorithm.RS256).keyId(keys.keyId()).sign(keys.privateKey());
    }
}
