package app.faraday.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.faraday.kit.db.EmbeddedDatabaseServer;

/**
 * The stack keeps its data in .faraday/ across restarts, so its database writes as PostgreSQL does by
 * default; only the tests' throw-away clusters run without fsync and synchronous commit.
 */
class StackDatabaseTest {

    private static List<String> settings(EmbeddedDatabaseServer server) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), EmbeddedDatabaseServer.SUPERUSER,
                "")) {
            ResultSet rs = c.createStatement().executeQuery("select current_setting('fsync'),"
                    + " current_setting('synchronous_commit'), current_setting('full_page_writes')");
            rs.next();
            return List.of(rs.getString(1), rs.getString(2), rs.getString(3));
        }
    }

    @Test
    void theStacksDatabaseIsDurable() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target"), "stack-db");
        Stack stack = new Stack();
        EmbeddedDatabaseServer server = stack.startDatabase(root.resolve("data"), root.resolve("work"), 0);
        try {
            assertEquals(List.of("on", "on", "on"), settings(server));
        } finally {
            stack.stop();
        }
    }

    @Test
    void aThrowAwayClusterIsFast() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target"), "throwaway-db");
        try (EmbeddedDatabaseServer server = EmbeddedDatabaseServer.start(root.resolve("data"), root.resolve("work"),
                0)) {
            assertEquals(List.of("off", "off", "on"), settings(server));
        }
    }
}
