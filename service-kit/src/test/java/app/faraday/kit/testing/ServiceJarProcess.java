package app.faraday.kit.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Another Faraday service, started from its packaged jar (built earlier in the same reactor run) on
 * this run's database and the test signing key, so a service's calls to it and its feeds are tested
 * against the service itself, with real tokens, over real HTTP. A subclass names the module and its
 * schema, and which of this test's settings point at it. A module using it adds Awaitility to its test
 * dependencies (the kit's test-scoped ones do not travel with its test jar).
 */
public abstract class ServiceJarProcess implements QuarkusTestResourceLifecycleManager {

    private final String module;
    private final String schema;
    private final List<String> urlProperties;
    private Process process;
    private String url;

    /** {@code urlProperties}: the settings of the service under test that get the started service's URL. */
    protected ServiceJarProcess(String module, String schema, String... urlProperties) {
        this.module = module;
        this.schema = schema;
        this.urlProperties = List.of(urlProperties);
    }

    /** Settings of the started service beyond the database, port and key; none by default. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    @Override
    public Map<String, String> start() {
        Path jar = Path.of("../" + module + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build " + module + " first"
                    + " (./mvnw verify builds the modules in order;"
                    + " alone: ./mvnw package -pl " + module + " -DskipTests)");
        }
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path key = Path.of("target/test-keys/signing-key.pub.pem");
            Files.createDirectories(key.getParent());
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("test-keys/signing-key.pub.pem")) {
                Files.copy(in, key, StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            TestDatabase.get().quarkusConfig(schema).forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add("-Dquarkus.http.port=" + port);
            command.add("-Dquarkus.http.host=127.0.0.1");
            command.add("-Dmp.jwt.verify.publickey.location=" + key.toAbsolutePath());
            command.add("-Dfaraday.feeds.enabled=false");
            // This run's schema is fresh: the build migrates it at start, as dev mode does, instead of
            // the separate migrate step a deployment runs first.
            command.add("-Dquarkus.flyway.migrate-at-start=true");
            command.add("-Dquarkus.flyway.validate-at-start=false");
            settings().forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add("-jar");
            command.add(jar.toString());
            Path log = Path.of("target/" + module + "-it.log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            url = "http://127.0.0.1:" + port;
            awaitReady(log);
            Map<String, String> config = new LinkedHashMap<>();
            urlProperties.forEach(property -> config.put(property, url));
            return config;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + module, e);
        }
    }

    private void awaitReady(Path log) {
        await(module + " ready within 90 s; see " + log).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see "
                                + log);
                    }
                    try {
                        HttpURLConnection c = (HttpURLConnection) URI.create(url + "/q/health/ready").toURL()
                                .openConnection();
                        c.setConnectTimeout(500);
                        return c.getResponseCode() == 200;
                    } catch (IOException e) {
                        return false; // not listening yet
                    }
                });
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
