package app.faraday.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.faraday.kit.local.LocalSecrets;

class SecretsTest {

    @Test
    void generatedOnceKeptPrivateAndReused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secrets.properties");
        LocalSecrets first = LocalSecrets.load(file);
        String teacher = first.get("demo.teacher-password", 5);
        assertTrue(teacher.matches("([a-z]+-){5}[0-9]{3}"), teacher);
        first.saveIfChanged();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        LocalSecrets again = LocalSecrets.load(file);
        assertEquals(teacher, again.get("demo.teacher-password", 5));
        String added = again.get("db.content.app-password", 6);
        again.saveIfChanged();
        assertEquals(added, LocalSecrets.load(file).get("db.content.app-password", 6));
        assertEquals(teacher, LocalSecrets.load(file).get("demo.teacher-password", 5));
    }
}
