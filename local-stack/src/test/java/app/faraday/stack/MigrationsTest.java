package app.faraday.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import app.faraday.kit.db.SchemaRoles;
import app.faraday.kit.local.LocalSecrets;

/**
 * Migrations are a step of their own, and only that step holds a schema owner's password: the
 * launcher migrates, the services serve with their runtime roles, a service on an unmigrated schema
 * refuses to start, and a service build's migrate mode (deploy/'s init container) migrates and exits.
 * Runs the real service builds (the reactor builds them before this module) on an embedded PostgreSQL.
 */
class MigrationsTest {

    private static final Path ROOT = Path.of("target/migrations-test");
    private static TestStack stack;
    private static LocalSecrets secrets;
    private static DatabaseTarget db;
    private static List<ServiceSpec> services;

    @BeforeAll
    static void database() throws Exception {
        stack = TestStack.in(ROOT);
        secrets = stack.secrets;
        db = stack.db;
        services = stack.services;
    }

    @AfterAll
    static void stop() throws IOException {
        if (stack != null) {
            stack.close();
        }
    }

    private static ServiceSpec service(String name) {
        return stack.service(name);
    }

    private static String jdbcUrl() {
        return stack.jdbcUrl();
    }

    @Test
    void servicesGetOnlyTheirRuntimeRole() {
        for (ServiceSpec service : services) {
            Map<String, String> env = service.environment(db, secrets);
            assertTrue(env.keySet().stream().noneMatch(k -> k.contains("OWNER")), service.name() + ": " + env.keySet());
            assertFalse(env.containsValue(secrets.get("db." + service.schema() + ".owner-password", 6)),
                    service.name());
            if (service.ownsData()) {
                assertTrue(service.devEnvironment(db, secrets).containsKey(service.envPrefix() + "_DB_OWNER_PASSWORD"),
                        "dev mode migrates itself");
            }
        }
    }

    @Test
    void theLauncherMigratesAndTheServiceRunsWithItsRuntimeRoleOnly() throws Exception {
        ServiceSpec users = service("user-service");
        SchemaRoles roles = users.roles(secrets);
        assertTrue(Migrations.migrate(users, jdbcUrl(), roles).migrationsExecuted > 5);
        assertEquals(0, Migrations.migrate(users, jdbcUrl(), roles).migrationsExecuted,
                "a second start migrates nothing");
        try (Connection owner = DriverManager.getConnection(jdbcUrl(), roles.ownerRole(), roles.ownerPassword());
                ResultSet rs = owner.createStatement().executeQuery("select count(*) from users.flyway_schema_history"
                        + " where version like '0.%'")) {
            assertTrue(rs.next() && rs.getInt(1) >= 4, "service-kit's migrations are applied from the service's build");
        }

        Map<String, String> env = new HashMap<>(users.environment(db, secrets));
        env.put("FARADAY_JWT_GENERATE_IF_MISSING", "true");
        env.put("FARADAY_JWT_GENERATED_KEY_DIR", ROOT.resolve("keys").toAbsolutePath().toString());
        ServiceProcess process = ServiceProcess.start(users, env, ROOT.resolve("user-service.log"));
        try {
            assertTrue(process.awaitReady(Duration.ofSeconds(90)),
                    "ready with only its runtime role; see " + process.log());
        } finally {
            process.requestStop();
            process.awaitStopped(System.nanoTime() + TimeUnit.SECONDS.toNanos(15));
        }
    }

    @Test
    void theLauncherAppliesTheFlywayLocationsTheServiceNames() throws Exception {
        ServiceSpec memory = service("memory-service");
        SchemaRoles roles = memory.roles(secrets);
        Migrations.migrate(memory, jdbcUrl(), roles);
        try (Connection owner = DriverManager.getConnection(jdbcUrl(), roles.ownerRole(), roles.ownerPassword());
                ResultSet rs = owner.createStatement().executeQuery("select count(*) from pg_tables"
                        + " where schemaname = 'memory'"
                        + " and tablename in ('subject_keys', 'audit_seal', 'audit_pending', 'user_memories')")) {
            assertTrue(rs.next() && rs.getInt(1) == 4, "service-kit's db/kit and the service's db/migration");
        }
        try (Connection owner = DriverManager.getConnection(jdbcUrl(), roles.ownerRole(), roles.ownerPassword());
                ResultSet rs = owner.createStatement().executeQuery("select count(*) from memory.flyway_schema_history"
                        + " where success and version in ('0.5', '0.7', '2')")) {
            assertTrue(rs.next() && rs.getInt(1) == 3, "the key store, the sealed trail, the personal columns");
        }
    }

    @Test
    void aServiceRefusesToStartWithoutItsAuditSealKey() throws Exception {
        users();
        ServiceSpec service = service("user-service");
        Map<String, String> env = new HashMap<>(service.environment(db, secrets));
        env.remove("FARADAY_AUDIT_SEAL_KEYS");
        env.put("FARADAY_SEED_DEMO", "false");
        ServiceProcess process = ServiceProcess.start(service, env, ROOT.resolve("user-service-no-seal-key.log"));
        process.onExit().get(90, TimeUnit.SECONDS);
        assertNotEquals(0, process.exitCode());
        assertTrue(String.join("\n", process.logTail(200)).contains("faraday.audit.seal-keys"),
                "says which setting is missing: see " + process.log());
    }

    @Test
    void memoryServiceRefusesToStartWithoutAMasterKey() throws Exception {
        ServiceSpec memory = service("memory-service");
        Migrations.migrate(memory, jdbcUrl(), memory.roles(secrets));
        Map<String, String> env = new HashMap<>(memory.environment(db, secrets));
        env.remove("FARADAY_MASTER_KEYS");
        env.put("FARADAY_FEEDS_ENABLED", "false");
        env.put("FARADAY_SEED_DEMO", "false");
        ServiceProcess process = ServiceProcess.start(memory, env, ROOT.resolve("memory-service-no-key.log"));
        process.onExit().get(90, TimeUnit.SECONDS);
        assertNotEquals(0, process.exitCode());
        assertTrue(String.join("\n", process.logTail(200)).contains("faraday.crypto.master-keys"),
                "says which setting is missing: see " + process.log());
    }

    private static SchemaRoles users() {
        SchemaRoles roles = service("user-service").roles(secrets);
        Migrations.migrate(service("user-service"), jdbcUrl(), roles);
        return roles;
    }

    @Test
    void aServiceRefusesToStartOnASchemaItsBuildIsAheadOf() throws Exception {
        ServiceSpec assistant = service("assistant-service");
        Map<String, String> env = new HashMap<>(assistant.environment(db, secrets));
        env.put("FARADAY_USER_FEED_ENABLED", "false");
        ServiceProcess process = ServiceProcess.start(assistant, env, ROOT.resolve("assistant-service.log"));
        process.onExit().get(90, TimeUnit.SECONDS);
        assertNotEquals(0, process.exitCode());
        assertTrue(String.join("\n", process.logTail(200)).contains("Validate failed"),
                "says why: see " + process.log());
    }

    @Test
    void aServiceBuildMigratesItsSchemaInMigrateModeAndExits() throws Exception {
        ServiceSpec content = service("content-service");
        Map<String, String> env = new HashMap<>(content.devEnvironment(db, secrets));
        env.put("QUARKUS_PROFILE", "migrate");
        ServiceProcess process = ServiceProcess.start(content, env, ROOT.resolve("content-service-migrate.log"));
        process.onExit().get(90, TimeUnit.SECONDS);
        assertEquals(0, process.exitCode(), "see " + process.log());
        SchemaRoles roles = content.roles(secrets);
        try (Connection app = DriverManager.getConnection(jdbcUrl(), roles.appRole(), roles.appPassword());
                ResultSet rs = app.createStatement().executeQuery("select max(version)"
                        + " from content.flyway_schema_history")) {
            assertTrue(rs.next() && rs.getString(1) != null, "migrated, and the runtime role can read the history");
        }
    }
}
