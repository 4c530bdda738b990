package app.faraday.kit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import app.faraday.kit.db.DatabaseBootstrap;
import app.faraday.kit.db.EmbeddedDatabaseServer;
import app.faraday.kit.db.SchemaRoles;

/**
 * The real PostgreSQL of a test run: the embedded server started once per JVM under {@code target/},
 * or the server named by {@code FARADAY_TEST_DB_URL} (a JDBC URL with an administrator's rights,
 * user and password from {@code FARADAY_TEST_DB_USER} / {@code FARADAY_TEST_DB_PASSWORD}), in which a
 * fresh database is created for the run.
 */
public final class TestDatabase {

    /** The audit trail's seal key of this run ({@link #SEAL_KEYS}), and a retired one still listed. */
    public static final String ACTIVE_SEAL_KEY = "run1";
    public static final String RETIRED_SEAL_KEY = "run0";
    /** Made for the run, so none is in the repository; the same for every service a run starts. */
    public static final String SEAL_KEYS = ACTIVE_SEAL_KEY + ":" + randomKey() + "," + RETIRED_SEAL_KEY + ":"
            + randomKey();

    /**
     * The master keys of this run (every service encrypts personal data, at least in its audit trail): an
     * active one and a retired one still listed, whose data keys the re-wrap job moves.
     */
    public static final String MASTER_KEY = randomKey();
    public static final String RETIRED_MASTER_KEY = randomKey();
    public static final String MASTER_KEYS = "run1:" + MASTER_KEY + ",run0:" + RETIRED_MASTER_KEY;

    private static TestDatabase instance;

    private final String serverUrl;
    private final String adminUser;
    private final String adminPassword;
    private final String database;
    private final Map<String, SchemaRoles> schemas = new ConcurrentHashMap<>();

    private TestDatabase(String serverUrl, String adminUser, String adminPassword, String database) {
        this.serverUrl = serverUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.database = database;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestDatabase start() {
        String external = System.getenv("FARADAY_TEST_DB_URL");
        String database = "faraday_test_" + ProcessHandle.current().pid() + "_"
                + (System.currentTimeMillis() % 100_000);
        if (external != null && !external.isBlank()) {
            return new TestDatabase(external, env("FARADAY_TEST_DB_USER", "postgres"),
                    env("FARADAY_TEST_DB_PASSWORD", ""), database);
        }
        Path build = Path.of(System.getProperty("faraday.build.dir", "target"));
        Path root = build.resolve("embedded-pg");
        Path data = root.resolve("data");
        try {
            deleteRecursively(data);
            EmbeddedDatabaseServer server = EmbeddedDatabaseServer.start(data, root.resolve("work"), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data folder is recreated by the next run
                }
            }));
            return new TestDatabase(server.jdbcUrl("postgres"), EmbeddedDatabaseServer.SUPERUSER, "", database);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    /** Creates (once) the database, the schema and its owner and runtime roles with fresh passwords. */
    public synchronized SchemaRoles bootstrap(String schema) {
        return schemas.computeIfAbsent(schema, s -> {
            // Roles are server-wide: names of this run's own, so a shared server's other users keep theirs.
            SchemaRoles roles = new SchemaRoles(s, database + "_" + s + "_owner", randomPassword(),
                    database + "_" + s + "_app", randomPassword());
            try {
                DatabaseBootstrap.bootstrap(serverUrl, adminUser, adminPassword, database, List.of(roles));
            } catch (SQLException e) {
                throw new IllegalStateException("could not bootstrap schema " + s, e);
            }
            return roles;
        });
    }

    /** Quarkus configuration pointing a service at its schema in this database. */
    public Map<String, String> quarkusConfig(String schema) {
        SchemaRoles roles = bootstrap(schema);
        String jdbc = jdbcUrl();
        String reactive = jdbc.substring("jdbc:".length());
        return Map.of(
                "faraday.audit.seal-keys", SEAL_KEYS,
                "faraday.audit.active-seal-key", ACTIVE_SEAL_KEY,
                "faraday.crypto.master-keys", MASTER_KEYS,
                "faraday.crypto.active-master-key", "run1",
                "quarkus.datasource.jdbc.url", jdbc,
                "quarkus.datasource.reactive.url", reactive,
                "quarkus.datasource.username", roles.appRole(),
                "quarkus.datasource.password", roles.appPassword(),
                "quarkus.flyway.username", roles.ownerRole(),
                "quarkus.flyway.password", roles.ownerPassword());
    }

    public String jdbcUrl() {
        return DatabaseBootstrap.withDatabase(serverUrl, database);
    }

    /** A connection as the service's runtime role: what the service itself can see and do. */
    public Connection connectAsApp(String schema) throws SQLException {
        SchemaRoles roles = bootstrap(schema);
        return DriverManager.getConnection(jdbcUrl(), roles.appRole(), roles.appPassword());
    }

    /** A connection as the schema's owner, the role migrations run as: the attacker of the tampering tests. */
    public Connection connectAsOwner(String schema) throws SQLException {
        SchemaRoles roles = bootstrap(schema);
        return DriverManager.getConnection(jdbcUrl(), roles.ownerRole(), roles.ownerPassword());
    }

    /** A connection as the server's administrator, for tampering tests and checks below the service. */
    public Connection connectAsAdmin() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), adminUser, adminPassword);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
