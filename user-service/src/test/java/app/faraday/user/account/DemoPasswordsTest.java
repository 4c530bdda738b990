package app.faraday.user.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dev mode's demo passwords live in the one local secrets file the launcher uses too, under the keys the
 * launcher uses, and survive restarts and the move from the file an earlier version kept them in.
 */
class DemoPasswordsTest {

    @TempDir
    Path dir;

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
        }
        return p;
    }

    @Test
    void generatedOnceIntoTheSecretsFileAndKept() throws IOException {
        Path file = dir.resolve(".faraday/secrets.properties");
        Properties first = DemoSeeder.keptPasswords(file);
        assertEquals(6, first.getProperty("teacher").split("-").length, "five words and a number");
        assertNotEquals(first.getProperty("teacher"), first.getProperty("admin"));
        assertEquals(first.getProperty("teacher"), read(file).getProperty("demo.teacher-password"));
        assertEquals(first.getProperty("admin"), read(file).getProperty("demo.admin-password"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(first, DemoSeeder.keptPasswords(file));
    }

    @Test
    void theLaunchersOtherSecretsStayAndItsPasswordsAreUsed() throws IOException {
        Path file = dir.resolve("secrets.properties");
        Files.writeString(file, "db.users.app-password=kept\ndemo.teacher-password=launcher-teacher\n");
        Properties kept = DemoSeeder.keptPasswords(file);
        assertEquals("launcher-teacher", kept.getProperty("teacher"));
        assertEquals("kept", read(file).getProperty("db.users.app-password"));
        assertEquals(kept.getProperty("admin"), read(file).getProperty("demo.admin-password"));
    }

    @Test
    void passwordsKeptByAnEarlierVersionAreCarriedOver() throws IOException {
        Files.writeString(dir.resolve("demo-passwords.properties"), "teacher=old-teacher\nadmin=old-admin\n");
        Path file = dir.resolve("secrets.properties");
        Properties kept = DemoSeeder.keptPasswords(file);
        assertEquals("old-teacher", kept.getProperty("teacher"));
        assertEquals("old-admin", kept.getProperty("admin"));
        assertEquals("old-teacher", read(file).getProperty("demo.teacher-password"));
    }
}
