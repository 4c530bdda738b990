package app.faraday.user.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.faraday.user.config.JwtConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The RSA key that signs access tokens, and the public keys that verify them (the active one plus
 * retired ones during a rotation), published as a JWKS. Keys come from configuration; only when
 * {@code faraday.jwt.generate-if-missing} is on (local runs) is one generated at first start.
 */
@Startup // a missing or broken key stops the start, instead of failing every request later
@ApplicationScoped
public class SigningKeys {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;
    private final String keyId;
    private final String jwks;

    public SigningKeys(JwtConfig config, ObjectMapper mapper) {
        this.privateKey = loadOrGenerate(config);
        RSAPublicKey publicKey = publicOf(privateKey);
        this.keyId = config.keyId().filter(s -> !s.isBlank()).orElseGet(() -> thumbprint(publicKey));
        List<Map<String, Object>> keys = new ArrayList<>();
        keys.add(jwk(publicKey, keyId));
        config.previousPublicKeysLocation().filter(s -> !s.isBlank())
                .ifPresent(location -> keys.addAll(previousKeys(mapper, read(location))));
        try {
            this.jwks = mapper.writeValueAsString(Map.of("keys", keys));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The JSON Web Key Set served at {@code /.well-known/jwks.json}. */
    public String jwks() {
        return jwks;
    }

    private static PrivateKey loadOrGenerate(JwtConfig config) {
        if (config.privateKey().filter(s -> !s.isBlank()).isPresent()) {
            return parsePem(config.privateKey().get());
        }
        if (config.privateKeyLocation().filter(s -> !s.isBlank()).isPresent()) {
            return parsePem(read(config.privateKeyLocation().get()));
        }
        if (!config.generateIfMissing()) {
            throw new IllegalStateException("No token signing key is configured: set FARADAY_JWT_PRIVATE_KEY_LOCATION"
                    + " (a PKCS#8 PEM file) or FARADAY_JWT_PRIVATE_KEY; see docs/security.md");
        }
        Path file = Path.of(config.generatedKeyDir()).resolve("jwt-signing-key.pem");
        try {
            if (Files.exists(file)) {
                return parsePem(Files.readString(file));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey key = generator.generateKeyPair().getPrivate();
            Files.createDirectories(file.getParent());
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(file, pem);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the folder is the developer's own
            }
            Log.infof("Generated a development token signing key in %s", file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the generated signing key in " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey parsePem(String pem) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalStateException("the signing key must be PKCS#8 ('BEGIN PRIVATE KEY'); convert it with"
                    + " 'openssl pkcs8 -topk8 -nocrypt'");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the configured signing key is not an RSA PKCS#8 PEM key", e);
        }
    }

    private static RSAPublicKey publicOf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException("the signing key must be an RSA key with CRT parameters");
        }
        if (crt.getModulus().bitLength() < 2048) {
            throw new IllegalStateException("the signing key must have at least 2048 bits");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> jwk(RSAPublicKey key, String kid) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", kid);
        jwk.put("n", unsigned(key.getModulus()));
        jwk.put("e", unsigned(key.getPublicExponent()));
        return jwk;
    }

    /** RFC 7638 thumbprint: a stable kid derived from the key itself. */
    static String thumbprint(RSAPublicKey key) {
        String canonical = "{\"e\":\"" + unsigned(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + unsigned(key.getModulus()) + "\"}";
        try {
            return B64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            bytes = trimmed;
        }
        return B64URL.encodeToString(bytes);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> previousKeys(ObjectMapper mapper, String json) {
        try {
            JsonNode keys = mapper.readTree(json).path("keys");
            List<Map<String, Object>> result = new ArrayList<>();
            for (JsonNode key : keys) {
                if (!"RSA".equals(key.path("kty").asText()) || key.path("d").isTextual()) {
                    throw new IllegalStateException("previous keys must be RSA public keys");
                }
                result.add(mapper.convertValue(key, Map.class));
            }
            return result;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the previous public keys are not a JWKS document", e);
        }
    }

    private static String read(String location) {
        try {
            if (location.startsWith("classpath:")) {
                String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("no such classpath resource: " + resource);
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(location.replaceFirst("^file:", "")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }
}
