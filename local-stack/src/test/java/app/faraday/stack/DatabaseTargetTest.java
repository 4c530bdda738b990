package app.faraday.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DatabaseTargetTest {

    @Test
    void libpqStyleUrlCarriesTheAdministrator() {
        DatabaseTarget db = DatabaseTarget.fromUrl(
                "postgresql://dba:p%40ss%3Aw+rd@db.example.org:6543/faraday_dev?sslmode=require",
                "faraday", Map.of("FARADAY_DB_ADMIN_USER", "ignored"));
        assertEquals("db.example.org", db.host());
        assertEquals(6543, db.port());
        assertEquals("faraday_dev", db.database());
        assertEquals("dba", db.adminUser());
        assertEquals("p@ss:w+rd", db.adminPassword());
        assertEquals("jdbc:postgresql://db.example.org:6543/postgres?sslmode=require", db.adminUrl());
        assertFalse(db.embedded());
    }

    @Test
    void jdbcUrlTakesTheAdministratorFromTheEnvironment() {
        DatabaseTarget db = DatabaseTarget.fromUrl("jdbc:postgresql://127.0.0.1/faraday_ci", "faraday",
                Map.of("FARADAY_DB_ADMIN_USER", "admin", "FARADAY_DB_ADMIN_PASSWORD", "secret"));
        assertEquals(5432, db.port());
        assertEquals("faraday_ci", db.database());
        assertEquals("admin", db.adminUser());
        assertEquals("secret", db.adminPassword());
    }

    @Test
    void withoutDatabaseInTheUrlTheConfiguredNameIsUsed() {
        DatabaseTarget db = DatabaseTarget.fromUrl("postgres://localhost:5433", "faraday_local", Map.of());
        assertEquals("faraday_local", db.database());
        assertEquals("postgres", db.adminUser());
        assertEquals("", db.adminPassword());
    }

    @Test
    void aBrokenUrlIsReportedWithoutItsPassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatabaseTarget.fromUrl("postgresql://dba:top secret@host/db", "faraday", Map.of()));
        assertFalse(e.getMessage().contains("top secret"));
        assertThrows(IllegalArgumentException.class,
                () -> DatabaseTarget.fromUrl("mysql://host/db", "faraday", Map.of()));
    }
}
