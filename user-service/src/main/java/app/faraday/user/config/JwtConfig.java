package app.faraday.user.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** How access tokens are signed and what they say. */
@ConfigMapping(prefix = "faraday.jwt")
public interface JwtConfig {

    String issuer();

    String audience();

    Duration accessTokenTtl();

    /** A PKCS#8 PEM file (path, or {@code classpath:...}) holding the RSA signing key. */
    Optional<String> privateKeyLocation();

    /** The PEM itself, e.g. from a Kubernetes secret exposed as an environment variable. */
    Optional<String> privateKey();

    /** The {@code kid} of the signing key; defaults to its RFC 7638 thumbprint. */
    Optional<String> keyId();

    /** A JWKS file of retired public keys that still verify tokens during a rotation. */
    Optional<String> previousPublicKeysLocation();

    /** Local runs only: generate a signing key at first start and keep it in {@link #generatedKeyDir()}. */
    boolean generateIfMissing();

    String generatedKeyDir();
}
