package app.faraday.kit.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;

/**
 * {@code .faraday/secrets.properties}: the passwords generated at the first start and reused ever
 * after, because the demo accounts are seeded once with them. A secret a newer launcher needs (a new
 * service's roles) is generated on the start that first asks for it. The one file for the local stack's
 * launcher and for a service in dev mode alike (user-service keeps its demo logins here when none is
 * configured), so that both name the same place. For development only.
 */
public final class LocalSecrets {

    /** The demo teachers' password and the demo admin's, five words each. */
    public static final String DEMO_TEACHER_PASSWORD = "demo.teacher-password";
    public static final String DEMO_ADMIN_PASSWORD = "demo.admin-password";
    public static final int DEMO_PASSWORD_WORDS = 5;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path file;
    private final Properties values = new Properties();
    private boolean changed;

    private LocalSecrets(Path file) {
        this.file = file;
    }

    public static LocalSecrets load(Path file) throws IOException {
        LocalSecrets secrets = new LocalSecrets(file);
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                secrets.values.load(reader);
            }
            if (POSIX) {
                // Tightens a copy someone made with a looser umask.
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        }
        return secrets;
    }

    /** The secret under this key, generated as a passphrase of that many words if there is none yet. */
    public String get(String key, int words) {
        String value = values.getProperty(key, "");
        if (value.isBlank()) {
            value = Passphrases.generate(words);
            values.setProperty(key, value);
            changed = true;
        }
        return value;
    }

    /** Sets a secret that has no value yet; a blank value sets nothing. */
    public void putIfAbsent(String key, String value) {
        if (values.getProperty(key, "").isBlank() && value != null && !value.isBlank()) {
            values.setProperty(key, value);
            changed = true;
        }
    }

    /** The key under this name: 32 random bytes, base64, generated if there is none yet. */
    public String key(String key) {
        String value = values.getProperty(key, "");
        if (value.isBlank()) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            value = Base64.getEncoder().encodeToString(bytes);
            values.setProperty(key, value);
            changed = true;
        }
        return value;
    }

    /** Writes the file if anything was generated: mode 600 from its creation, replaced in one move. */
    public void saveIfChanged() throws IOException {
        if (!changed) {
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (POSIX) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(temporary);
        }
        try (Writer writer = Files.newBufferedWriter(temporary)) {
            values.store(writer, "Generated for this machine's local stack and dev mode only. Keep private;"
                    + " delete the whole .faraday folder to start over.");
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        changed = false;
    }
}
