package app.faraday.kit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Real signed tokens for tests, with the test-only keys under {@code src/test/resources/test-keys}:
 * good ones, and each kind of bad one a verifier must refuse.
 */
public final class TestTokens {

    public static final String ISSUER = "https://faraday.app/auth";
    public static final String AUDIENCE = "faraday-api";
    public static final String KEY_ID = "test-key";

    private TestTokens() {
    }

    /** Claims as the issuer would write them right after a sign-in, valid for ten minutes from now. */
    public static JwtClaimsBuilder claims(UUID subject, String... roles) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject.toString()).groups(Set.of(roles))
                .claim("jti", UUID.randomUUID().toString()).claim("auth_time", now.getEpochSecond())
                .issuedAt(now).expiresAt(now.plusSeconds(600));
    }

    public static String token(UUID subject, String... roles) {
        return sign(claims(subject, roles));
    }

    /** A service token as user-service issues to a client: the client id as subject, role service, its scopes. */
    public static String service(String clientId, String... scopes) {
        Instant now = Instant.now();
        return sign(Jwt.issuer(ISSUER).audience(AUDIENCE).subject(clientId).groups(Set.of("service"))
                .claim("client_id", clientId).claim("scope", String.join(" ", scopes))
                .claim("jti", UUID.randomUUID().toString()).issuedAt(now).expiresAt(now.plusSeconds(600)));
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(SignatureAlgorithm.RS256).keyId(KEY_ID).sign(signingKey());
    }

    /** Same claims and kid, signed by a key the service does not know. */
    public static String forged(UUID subject, String... roles) {
        return claims(subject, roles).jws().algorithm(SignatureAlgorithm.RS256).keyId(KEY_ID).sign(attackerKey());
    }

    /** An unsigned token ({@code alg: none}). */
    public static String unsigned(UUID subject, String... roles) {
        return header("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}")
                + "." + payload(subject, roles) + ".";
    }

    /** The algorithm-confusion attack: HS256 keyed with the verifier's public key. */
    public static String hs256WithPublicKey(UUID subject, String... roles) {
        String signingInput = header("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}") + "."
                + payload(subject, roles);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(resource("test-keys/signing-key.pub.pem").getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return signingInput + "." + b64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrivateKey signingKey() {
        return key("test-keys/signing-key.pem");
    }

    public static PrivateKey attackerKey() {
        return key("test-keys/attacker-key.pem");
    }

    private static String payload(UUID subject, String... roles) {
        long now = Instant.now().getEpochSecond();
        StringBuilder groups = new StringBuilder();
        for (String role : roles) {
            groups.append(groups.isEmpty() ? "" : ",").append('"').append(role).append('"');
        }
        return b64(("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + subject + "\",\"groups\":["
                + groups + "],\"jti\":\"" + UUID.randomUUID() + "\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String header(String json) {
        return b64(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static PrivateKey key(String resource) {
        String base64 = resource(resource).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
