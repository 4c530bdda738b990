package app.faraday.stack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.faraday.kit.db.SchemaRoles;
import app.faraday.kit.local.LocalSecrets;

/**
 * One service of the stack: its schema, its port and the prefix of its database settings. The
 * environment it gets follows the conventions every Faraday service reads, so a new service is one
 * entry in {@link #all}.
 *
 * @param extraEnv what only this service needs
 */
record ServiceSpec(String name, String schema, int port, Path jar, String envPrefix, Map<String, String> extraEnv) {

    /** Every service, in start order. */
    static List<ServiceSpec> all(Settings settings, StateDirectory state, LocalSecrets secrets) {
        DemoLogins demo = DemoLogins.from(secrets);
        Map<String, String> users = new LinkedHashMap<>();
        users.put("FARADAY_JWT_GENERATE_IF_MISSING", "true");
        users.put("FARADAY_JWT_GENERATED_KEY_DIR", state.keys().toString());
        users.put("FARADAY_SEED_DEMO", "true");
        users.put("FARADAY_MASTER_KEYS", "local1:" + secrets.key("user-service.master-key.local1"));
        users.put("FARADAY_AUDIT_SEAL_KEYS", "local1:" + secrets.key("audit.seal-key.user-service.local1"));
        users.put("FARADAY_SEED_TEACHER_PASSWORD", demo.teacherPassword());
        users.put("FARADAY_SEED_ADMIN_PASSWORD", demo.adminPassword());
        // Where they are kept, so that user-service's log names the file the banner names.
        users.put("FARADAY_SEED_PASSWORDS_FILE", state.secrets().toAbsolutePath().toString());
        // The services that read deletion feeds sign in with client credentials; user-service knows only
        // the secrets' hashes.
        String assistantSecret = secrets.get("client.assistant-service.secret", 6);
        String contentSecret = secrets.get("client.content-service.secret", 6);
        String memorySecret = secrets.get("client.memory-service.secret", 6);
        // Each client's tokens are scoped to the feeds it reads; the publishers check the scope.
        users.put("FARADAY_SERVICE_CLIENTS", "assistant-service:" + sha256(assistantSecret) + ":feed:user-service"
                + ",content-service:" + sha256(contentSecret) + ":feed:user-service feed:assistant-service"
                + ",memory-service:" + sha256(memorySecret) + ":feed:user-service feed:assistant-service");

        String userService = "http://127.0.0.1:" + settings.userPort();
        String assistantService = "http://127.0.0.1:" + settings.assistantPort();
        Map<String, String> assistant = new LinkedHashMap<>();
        assistant.put("FARADAY_JWKS_URL", userService + "/.well-known/jwks.json");
        assistant.put("FARADAY_USER_SERVICE_URL", userService);
        assistant.put("FARADAY_ASSISTANT_CLIENT_ID", "assistant-service");
        assistant.put("FARADAY_ASSISTANT_CLIENT_SECRET", assistantSecret);
        assistant.put("FARADAY_SEED_DEMO", "true");
        assistant.put("FARADAY_MASTER_KEYS", "local1:" + secrets.key("assistant-service.master-key.local1"));
        assistant.put("FARADAY_AUDIT_SEAL_KEYS", "local1:" + secrets.key("audit.seal-key.assistant-service.local1"));
        Map<String, String> content = new LinkedHashMap<>();
        content.put("FARADAY_JWKS_URL", userService + "/.well-known/jwks.json");
        content.put("FARADAY_USER_SERVICE_URL", userService);
        content.put("FARADAY_ASSISTANT_SERVICE_URL", assistantService);
        content.put("FARADAY_CONTENT_CLIENT_ID", "content-service");
        content.put("FARADAY_CONTENT_CLIENT_SECRET", contentSecret);
        content.put("FARADAY_SEED_DEMO", "true");
        content.put("FARADAY_MASTER_KEYS", "local1:" + secrets.key("content-service.master-key.local1"));
        content.put("FARADAY_AUDIT_SEAL_KEYS", "local1:" + secrets.key("audit.seal-key.content-service.local1"));
        Map<String, String> memory = new LinkedHashMap<>();
        memory.put("FARADAY_JWKS_URL", userService + "/.well-known/jwks.json");
        memory.put("FARADAY_USER_SERVICE_URL", userService);
        memory.put("FARADAY_ASSISTANT_SERVICE_URL", assistantService);
        memory.put("FARADAY_MEMORY_CLIENT_ID", "memory-service");
        memory.put("FARADAY_MEMORY_CLIENT_SECRET", memorySecret);
        // Wraps the teachers' data keys; made at the first start, kept in .faraday/secrets.properties.
        memory.put("FARADAY_MASTER_KEYS", "local1:" + secrets.key("memory.master-key.local1"));
        memory.put("FARADAY_SEED_DEMO", "true");
        memory.put("FARADAY_AUDIT_SEAL_KEYS", "local1:" + secrets.key("audit.seal-key.memory-service.local1"));
        Map<String, String> gateway = new LinkedHashMap<>();
        gateway.put("FARADAY_JWKS_URL", userService + "/.well-known/jwks.json");
        gateway.put("FARADAY_USER_SERVICE_URL", userService);
        gateway.put("FARADAY_ASSISTANT_SERVICE_URL", assistantService);
        gateway.put("FARADAY_CONTENT_SERVICE_URL", "http://127.0.0.1:" + settings.contentPort());
        gateway.put("FARADAY_MEMORY_SERVICE_URL", "http://127.0.0.1:" + settings.memoryPort());
        return List.of(
                new ServiceSpec("user-service", "users", settings.userPort(),
                        Path.of("user-service/target/quarkus-app/quarkus-run.jar"), "FARADAY_USERS", users),
                new ServiceSpec("assistant-service", "assistant", settings.assistantPort(),
                        Path.of("assistant-service/target/quarkus-app/quarkus-run.jar"),
                        "FARADAY_ASSISTANT", assistant),
                new ServiceSpec("content-service", "content", settings.contentPort(),
                        Path.of("content-service/target/quarkus-app/quarkus-run.jar"), "FARADAY_CONTENT", content),
                new ServiceSpec("memory-service", "memory", settings.memoryPort(),
                        Path.of("memory-service/target/quarkus-app/quarkus-run.jar"), "FARADAY_MEMORY", memory),
                // The front door on the public port; it owns no data.
                new ServiceSpec("gateway", null, settings.httpPort(),
                        Path.of("gateway/target/quarkus-app/quarkus-run.jar"), null, gateway));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    boolean ownsData() {
        return schema != null;
    }

    /** The schema's roles, with passwords that stay the same from one start to the next. */
    SchemaRoles roles(LocalSecrets secrets) {
        return SchemaRoles.conventional(schema,
                secrets.get("db." + schema + ".owner-password", 6),
                secrets.get("db." + schema + ".app-password", 6));
    }

    /**
     * What the service process gets: its runtime role and nothing of its schema's owner, whose rights
     * (switching row-level security off, rewriting the audit trail) the launcher alone uses, to migrate.
     */
    Map<String, String> environment(DatabaseTarget db, LocalSecrets secrets) {
        Map<String, String> env = new LinkedHashMap<>();
        if (ownsData()) {
            SchemaRoles roles = roles(secrets);
            env.put("FARADAY_DB_HOST", db.host());
            env.put("FARADAY_DB_PORT", String.valueOf(db.port()));
            env.put("FARADAY_DB_NAME", db.database());
            env.put(envPrefix + "_DB_USER", roles.appRole());
            env.put(envPrefix + "_DB_PASSWORD", roles.appPassword());
        }
        env.put("FARADAY_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT", String.valueOf(port));
        env.putAll(extraEnv);
        return env;
    }

    /** For {@code quarkus:dev} of this service against the stack's database, which migrates itself as the owner. */
    Map<String, String> devEnvironment(DatabaseTarget db, LocalSecrets secrets) {
        Map<String, String> env = environment(db, secrets);
        if (ownsData()) {
            SchemaRoles roles = roles(secrets);
            env.put(envPrefix + "_DB_OWNER_USER", roles.ownerRole());
            env.put(envPrefix + "_DB_OWNER_PASSWORD", roles.ownerPassword());
        }
        return env;
    }

    String healthUrl() {
        return "http://127.0.0.1:" + port + "/q/health/ready";
    }
}
