package app.faraday.content;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.faraday.kit.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real assistant-service, started from its packaged jar (built earlier in the same reactor run)
 * on this run's database and the test signing key, so content-service's profile check and feed are
 * tested against the service itself, with real tokens, over real HTTP.
 */
public class AssistantServiceProcess implements QuarkusTestResourceLifecycleManager {

    static final String URL_PROPERTY = "faraday.test.assistant-service-url";
    private static final Path JAR = Path.of("../assistant-service/target/quarkus-app/quarkus-run.jar");

    private Process process;

    @Override
    public Map<String, String> start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build assistant-service first"
                    + " (./mvnw verify builds the modules in order;"
                    + " alone: ./mvnw package -pl assistant-service -DskipTests)");
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
            TestDatabase.get().quarkusConfig("assistant").forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add("-Dquarkus.http.port=" + port);
            command.add("-Dquarkus.http.host=127.0.0.1");
            command.add("-Dmp.jwt.verify.publickey.location=" + key.toAbsolutePath());
            command.add("-Dfaraday.feeds.enabled=false");
            // This run's schema is fresh: the build migrates it at start, as dev mode does, instead of
            // the separate migrate step a deployment runs first.
            command.add("-Dquarkus.flyway.migrate-at-start=true");
            command.add("-Dquarkus.flyway.validate-at-start=false");
            command.add("-jar");
            command.add(JAR.toString());
            Path log = Path.of("target/assistant-service-it.log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            String url = "http://127.0.0.1:" + port;
            awaitReady(url, log);
            return Map.of("quarkus.rest-client.assistant-service.url", url, URL_PROPERTY, url);
        } catch (IOException e) {
            throw new IllegalStateException("could not start assistant-service", e);
        }
    }

    private void awaitReady(String url, Path log) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("assistant-service exited with " + process.exitValue()
                        + "; see " + log);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url + "/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(500);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("assistant-service was not ready within 90 s; see " + log);
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
