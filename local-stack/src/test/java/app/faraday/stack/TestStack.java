package app.faraday.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import app.faraday.kit.db.DatabaseBootstrap;
import app.faraday.kit.db.EmbeddedDatabaseServer;
import app.faraday.kit.local.LocalSecrets;

/**
 * The stack's parts for a test of this module: an embedded PostgreSQL under {@code root}, the services as
 * the launcher describes them (each on a free port, its build found from this module's folder), and
 * their schemas and roles bootstrapped. The tests start the service processes they need themselves.
 */
final class TestStack implements AutoCloseable {

    final Path root;
    final EmbeddedDatabaseServer server;
    final StateDirectory state;
    final LocalSecrets secrets;
    final DatabaseTarget db;
    final List<ServiceSpec> services;

    private TestStack(Path root) throws Exception {
        this.root = root;
        deleteRecursively(root.resolve("data"));
        server = EmbeddedDatabaseServer.start(root.resolve("data"), root.resolve("work"), 0);
        state = StateDirectory.in(root);
        secrets = LocalSecrets.load(state.secrets());
        db = DatabaseTarget.embedded(server.port(), "faraday_it", server.jdbcUrl("postgres"),
                EmbeddedDatabaseServer.SUPERUSER);
        Map<String, String> ports = Map.of("FARADAY_PORT", String.valueOf(freePort()),
                "FARADAY_USER_SERVICE_PORT", String.valueOf(freePort()),
                "FARADAY_ASSISTANT_SERVICE_PORT", String.valueOf(freePort()),
                "FARADAY_CONTENT_SERVICE_PORT", String.valueOf(freePort()),
                "FARADAY_MEMORY_SERVICE_PORT", String.valueOf(freePort()));
        services = ServiceSpec.all(Settings.fromEnvironment(ports), state, secrets).stream()
                .map(s -> new ServiceSpec(s.name(), s.schema(), s.port(), Path.of("..").resolve(s.jar()),
                        s.envPrefix(), s.extraEnv()))
                .toList();
        DatabaseBootstrap.bootstrap(db.adminUrl(), db.adminUser(), db.adminPassword(), db.database(),
                services.stream().filter(ServiceSpec::ownsData).map(s -> s.roles(secrets)).toList());
    }

    static TestStack in(Path root) throws Exception {
        return new TestStack(root);
    }

    ServiceSpec service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    String jdbcUrl() {
        return DatabaseBootstrap.withDatabase(db.adminUrl(), db.database());
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
