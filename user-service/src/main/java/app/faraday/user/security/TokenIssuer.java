package app.faraday.user.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.faraday.user.config.JwtConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

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

    /** A token for another Faraday service: subject is its client id, its only role {@code service}. */
    public AccessToken serviceToken(String clientId) {
        Instant now = clock.instant();
        String token = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(clientId)
                .groups(Set.of("service"))
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(SERVICE_TOKEN_SECONDS))
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(keys.keyId())
                .sign(keys.privateKey());
        return new AccessToken(token, SERVICE_TOKEN_SECONDS);
    }

    public AccessToken accessToken(UUID userId, Set<String> roles) {
        Instant now = clock.instant();
        long ttl = config.accessTokenTtl().toSeconds();
        String token = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(userId.toString())
                .upn(userId.toString())
                .groups(roles)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(ttl))
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(keys.keyId())
                .sign(keys.privateKey());
        return new AccessToken(token, ttl);
    }
}
