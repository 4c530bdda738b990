package app.faraday.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import app.faraday.memory.config.MemoryConfig;

/**
 * The OpenAI-compatible provider against a real HTTP server on loopback that answers as such an endpoint
 * does: what it sends (path, model, input, bearer key), what it reads back, and a refusal.
 */
class RemoteEmbedderTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<String> path = new AtomicReference<>();
    private volatile int status = 200;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            path.set(exchange.getRequestURI().getPath());
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = (status == 200
                    ? "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.5,-0.25,1.0]}],"
                            + "\"model\":\"nomic-embed-text\"}"
                    : "{\"error\":{\"message\":\"no\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private RemoteEmbedder embedder(String key) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ollama/");
        return new RemoteEmbedder(new Remote(Optional.of(url), Optional.ofNullable(key), "nomic-embed-text",
                Duration.ofSeconds(5)), mapper);
    }

    /** A record, not an anonymous class: ArC's build step inspects implementations of config interfaces. */
    record Remote(Optional<URI> url, Optional<String> apiKey, String model, Duration timeout)
            implements MemoryConfig.Embedding.Remote {
    }

    @Test
    void postsTheTextAndReadsTheVector() throws Exception {
        RemoteEmbedder embedder = embedder("district-key");
        assertArrayEquals(new float[] { 0.5f, -0.25f, 1.0f }, embedder.embed("Prefers high knees"));
        assertEquals("/ollama/v1/embeddings", path.get());
        assertEquals("Bearer district-key", authorization.get());
        assertEquals("nomic-embed-text", mapper.readTree(body.get()).get("model").asText());
        assertEquals("Prefers high knees", mapper.readTree(body.get()).get("input").asText());
        assertEquals("remote:nomic-embed-text", embedder.model());
    }

    @Test
    void noKeyNoHeaderAndARefusalIsAnError() {
        status = 401;
        RemoteEmbedder embedder = embedder(null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> embedder.embed("x"));
        assertTrue(e.getMessage().contains("401"), e.getMessage());
        assertEquals(null, authorization.get());
    }
}
