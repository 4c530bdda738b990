package app.faraday.user.auth;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import app.faraday.user.config.JwtConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * user-service verifies tokens with the same key set it publishes, without a network round trip to
 * itself. Other services verify against the published JWKS.
 */
public class TokenVerification {

    /** Accepted clock difference between token issuer and verifier. */
    static final int CLOCK_SKEW_SECONDS = 10;

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo contextInfo(SigningKeys keys, JwtConfig config) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(keys.jwks());
        info.setIssuedBy(config.issuer());
        info.setExpectedAudience(Set.of(config.audience()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setExpGracePeriodSecs(CLOCK_SKEW_SECONDS);
        info.setClockSkew(CLOCK_SKEW_SECONDS);
        info.setMaxTimeToLiveSecs(config.accessTokenTtl().toSeconds() + CLOCK_SKEW_SECONDS);
        info.setRequiredClaims(Set.of("sub", "exp", "iat", "jti", "aud", "iss"));
        return info;
    }
}
