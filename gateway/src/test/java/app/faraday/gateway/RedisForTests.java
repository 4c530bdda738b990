package app.faraday.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import redis.embedded.RedisServer;

/**
 * A real Redis for the tests: FARADAY_TEST_REDIS_URL when set, else the machine's server on
 * 127.0.0.1:6379 when one answers, else a redis-server started from the embedded-redis artifact.
 * There is no skipping: if none of these works, the tests fail.
 */
final class RedisForTests {

    private static String url;

    private RedisForTests() {
    }

    static synchronized String url() {
        if (url == null) {
            url = locate();
        }
        return url;
    }

    private static String locate() {
        String configured = System.getenv("FARADAY_TEST_REDIS_URL");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (!"embedded".equals(System.getenv("FARADAY_TEST_REDIS")) && answers(6379)) {
            return "redis://127.0.0.1:6379";
        }
        try {
            int port = freePort();
            RedisServer server = RedisServer.newRedisServer().port(port).setting("bind 127.0.0.1").build();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (IOException e) {
                    // the JVM is going away anyway
                }
            }));
            return "redis://127.0.0.1:" + port;
        } catch (IOException e) {
            throw new IllegalStateException("no Redis for the tests: none on 127.0.0.1:6379"
                    + " and embedded-redis failed", e);
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
