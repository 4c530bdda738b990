package app.faraday.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One service running as a child JVM, its output appended to its own log file. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    static final String DEFAULT_JVM_OPTIONS = "-XX:+UseSerialGC -Xmx128m -Xss512k -XX:ReservedCodeCacheSize=64m"
            + " -XX:+ExitOnOutOfMemoryError";

    private final ServiceSpec spec;
    private final Process process;
    private final Path log;
    private final long logOffset;

    private ServiceProcess(ServiceSpec spec, Process process, Path log, long logOffset) {
        this.spec = spec;
        this.process = process;
        this.log = log;
        this.logOffset = logOffset;
    }

    static ServiceProcess start(ServiceSpec spec, Map<String, String> env, Path log) throws IOException {
        // Where this run begins in a log that keeps every earlier run, for the tail shown on failure.
        long offset = Files.exists(log) ? Files.size(log) : 0;
        Files.writeString(log, "==== " + Instant.now() + " local-stack starts " + spec.name() + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        // The same JDK as the launcher, so the stack needs nothing on the PATH.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions());
        command.addAll(List.of("-jar", spec.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        // glibc's default of 8 malloc arenas per core is tens of MiB of resident memory per JVM for nothing.
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        // The demo accounts' passwords are printed on the console: keep the services off the network
        // unless the developer asks for it the Quarkus way.
        builder.environment().putIfAbsent("QUARKUS_HTTP_HOST", "127.0.0.1");
        return new ServiceProcess(spec, builder.start(), log, offset);
    }

    /**
     * Sized for a laptop running five services, not for the machine's default of a quarter of its memory
     * per JVM: about 290 MiB resident each after load instead of 540, at the same throughput
     * (bench/results/2026-12-01-1730-memory.md). {@code FARADAY_JAVA_OPTS} replaces them.
     */
    static List<String> jvmOptions() {
        return jvmOptions(System.getenv("FARADAY_JAVA_OPTS"));
    }

    static List<String> jvmOptions(String custom) {
        String options = custom != null && !custom.isBlank() ? custom : DEFAULT_JVM_OPTIONS;
        return List.of(options.strip().split("\\s+"));
    }

    ServiceSpec spec() {
        return spec;
    }

    Path log() {
        return log;
    }

    /** Polls the readiness check; false when the service exited or the time ran out first. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(spec.healthUrl()))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        return false;
    }

    CompletableFuture<ServiceProcess> onExit() {
        return process.onExit().thenApply(p -> this);
    }

    /** The exit code, or -1 while it runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Asks the service to shut down gracefully (SIGTERM on Unix); see {@link #awaitStopped}. */
    void requestStop() {
        process.destroy();
    }

    void awaitStopped(long deadlineNanos) throws InterruptedException {
        if (!process.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            System.out.println("  " + spec.name() + " did not stop in time; killing it");
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The last lines this run wrote to the log (read from at most its last 64 KiB). */
    List<String> logTail(int lines) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(logOffset, file.length() - 64 * 1024);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return all.subList(Math.max(0, all.size() - lines), all.size());
        }
    }
}
