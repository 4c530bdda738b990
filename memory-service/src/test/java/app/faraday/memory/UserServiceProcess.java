package app.faraday.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import app.faraday.kit.testing.ServiceJarProcess;

/**
 * The real user-service, signing with the test key (so its tokens are good here too) and knowing this
 * service as a feed client: for erasures that travel through its feed.
 */
public class UserServiceProcess extends ServiceJarProcess {

    static final String URL_PROPERTY = "faraday.test.user-service-url";
    static final String CLIENT_ID = "memory-service";
    static final String CLIENT_SECRET = "test-only feed secret of memory-service";

    public UserServiceProcess() {
        super("user-service", "users", URL_PROPERTY);
    }

    @Override
    protected Map<String, String> settings() {
        Path key = Path.of("target/test-keys/signing-key.pem");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("test-keys/signing-key.pem")) {
            Files.createDirectories(key.getParent());
            Files.copy(in, key, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("faraday.jwt.private-key-location", key.toAbsolutePath().toString(),
                "faraday.jwt.key-id", "test-key",
                "faraday.password.bcrypt-cost", "10",
                "faraday.service-clients", CLIENT_ID + ":" + sha256(CLIENT_SECRET) + ":feed:user-service");
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
