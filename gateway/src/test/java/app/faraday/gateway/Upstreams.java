package app.faraday.gateway;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * Real HTTP upstreams for the gateway's tests: one that answers with what it received (so tests see
 * exactly what the gateway forwarded), streams large bodies, or stays silent; and an address with
 * nothing behind it.
 */
public class Upstreams implements QuarkusTestResourceLifecycleManager {

    static final int BIG_BYTES = 5 * 1024 * 1024;

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            String path = request.path();
            if (path.endsWith("/big")) {
                // Chunked, 64 KiB at a time: the gateway must stream it, not buffer it.
                request.response().setChunked(true).putHeader("Content-Type", "application/octet-stream")
                        .putHeader("Server", "upstream/1.0");
                Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
                for (int i = 0; i < BIG_BYTES / chunk.length(); i++) {
                    request.response().write(chunk);
                }
                request.response().end();
                return;
            }
            if (path.equals("/q/openapi")) {
                request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("openapi", "3.1.0")
                        .put("paths", new JsonObject()
                                .put("/api/v1/lessons", new JsonObject().put("get", new JsonObject()))
                                .put("/internal/events", new JsonObject().put("get", new JsonObject())))
                        .put("components", new JsonObject().put("schemas", new JsonObject().put("Lesson",
                                new JsonObject().put("type", "object"))))
                        .put("tags", new io.vertx.core.json.JsonArray().add(new JsonObject().put("name", "Lessons")))
                        .encode());
                return;
            }
            if (path.endsWith("/slow")) {
                vertx.setTimer(5_000, id -> request.response().end("{}"));
                return;
            }
            request.body().onSuccess(body -> {
                JsonObject echo = new JsonObject().put("method", request.method().name()).put("path", path)
                        .put("query", request.query()).put("bodyBytes", body.length());
                JsonObject headers = new JsonObject();
                request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
                echo.put("headers", headers);
                request.response().putHeader("Content-Type", "application/json").putHeader("Server", "upstream/1.0")
                        .putHeader("X-Powered-By", "upstream").putHeader("X-Request-Id", "upstream-copy")
                        .putHeader("X-Content-Type-Options", "nosniff").end(echo.encode());
            });
        });
        int port;
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            port = server.actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test upstream", e);
        }
        String url = "http://127.0.0.1:" + port;
        Map<String, String> config = new HashMap<>();
        for (String route : new String[] { "auth", "register", "users", "assistants", "content" }) {
            config.put("faraday.gateway.routes." + route + ".upstream", url);
        }
        config.put("faraday.gateway.routes.memories.upstream", "http://127.0.0.1:" + closedPort());
        return config;
    }

    /** A port nobody listens on: connections are refused at once. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
