package app.faraday.stack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cascade across services survives a service being down: a teacher erased in user-service while
 * memory-service is stopped loses their memories within 10 s of memory-service being back, through
 * user-service's outbox feed. The real builds of user-, assistant- and memory-service, as the local stack
 * starts them, on an embedded PostgreSQL.
 */
class ErasureWhileDownTest {

    private static final Path ROOT = Path.of("target/erasure-while-down-test");
    private static final String PASSWORD = "maple kayak lantern orbit tundra";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestStack stack;
    private static final List<ServiceProcess> running = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.in(ROOT);
        for (String name : List.of("user-service", "assistant-service", "memory-service")) {
            ServiceSpec service = stack.service(name);
            Migrations.migrate(service, stack.jdbcUrl(), service.roles(stack.secrets));
        }
        running.add(launch("user-service", Map.of("FARADAY_SEED_DEMO", "false", "FARADAY_BCRYPT_COST", "10")));
        running.add(launch("assistant-service", Map.of()));
        for (ServiceProcess process : running) {
            assertTrue(process.awaitReady(Duration.ofSeconds(120)), "see " + process.log());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        running.forEach(ServiceProcess::requestStop);
        for (ServiceProcess process : running) {
            process.awaitStopped(System.nanoTime() + TimeUnit.SECONDS.toNanos(15));
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static ServiceProcess launch(String name, Map<String, String> extra) throws Exception {
        ServiceSpec service = stack.service(name);
        Map<String, String> env = new HashMap<>(service.environment(stack.db, stack.secrets));
        env.putAll(extra);
        return ServiceProcess.start(service, env, ROOT.resolve(name + ".log"));
    }

    private static HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static long memoriesOf(String userId) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.db.adminUser(),
                stack.db.adminPassword());
                PreparedStatement ps = c.prepareStatement(
                        "select count(*) from memory.user_memories where user_id = ?")) {
            ps.setObject(1, UUID.fromString(userId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aTeacherErasedWhileMemoryServiceIsDownLosesTheirMemoriesSoonAfterItIsBack() throws Exception {
        String users = "http://127.0.0.1:" + stack.service("user-service").port();
        String memories = "http://127.0.0.1:" + stack.service("memory-service").port();
        String email = "erased." + UUID.randomUUID().toString().substring(0, 8) + "@springfield.edu";
        assertEquals(201, send("POST", users + "/api/v1/auth/register", null, "{\"email\": \"" + email
                + "\", \"password\": \"" + PASSWORD + "\", \"name\": \"Erin Erased\"}").statusCode());
        String token = field(send("POST", users + "/api/v1/auth/login", null, "{\"email\": \"" + email
                + "\", \"password\": \"" + PASSWORD + "\"}").body(), "accessToken");
        String userId = field(send("GET", users + "/api/v1/users/me", token, null).body(), "id");

        ServiceProcess memory = launch("memory-service", Map.of());
        assertTrue(memory.awaitReady(Duration.ofSeconds(120)), "see " + memory.log());
        for (String content : List.of("Coaches the spring track meet", "Recovering from a sprained ankle")) {
            HttpResponse<String> created = send("POST", memories + "/api/v1/memories", token,
                    "{\"assistantProfileId\": 1, \"content\": \"" + content + "\", \"importance\": 0.6,"
                            + " \"category\": \"goals\", \"sensitive\": " + content.contains("ankle") + "}");
            assertEquals(201, created.statusCode(), created.body());
        }
        memory.requestStop();
        memory.awaitStopped(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));

        assertEquals(204, send("DELETE", users + "/api/v1/users/me", token, null).statusCode());
        assertEquals(2, memoriesOf(userId), "nothing reads the feed while memory-service is down");

        memory = launch("memory-service", Map.of());
        running.add(memory);
        assertTrue(memory.awaitReady(Duration.ofSeconds(120)), "see " + memory.log());
        await("the memories gone within 10 s of memory-service being back; see " + memory.log())
                .atMost(Duration.ofSeconds(10)).until(() -> memoriesOf(userId) == 0);
    }
}
