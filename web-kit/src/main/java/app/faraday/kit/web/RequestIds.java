package app.faraday.kit.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.vertx.ext.web.RoutingContext;

/**
 * Request ids. Every exchange gets an id made here, which logs and audit rows record; the id a client
 * sent, when sane, is kept beside it and echoed in {@code X-Request-Id} and problem bodies, so a
 * client can correlate its own requests but cannot make two of ours look alike.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String SERVER_KEY = "faraday.requestId";
    static final String CLIENT_KEY = "faraday.clientRequestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** The client's id when it is sane, else null. */
    public static String sane(String candidate) {
        return candidate != null && SANE.matcher(candidate).matches() ? candidate : null;
    }

    /** The id this service made for the exchange; made on first use. */
    public static String of(RoutingContext context) {
        if (context == null) {
            return newId();
        }
        String id = context.get(SERVER_KEY);
        if (id == null) {
            id = newId();
            context.put(SERVER_KEY, id);
        }
        return id;
    }

    /**
     * A random (version 4) UUID from the thread's own generator. An id needs to be unique, not secret;
     * {@code UUID.randomUUID()} takes the JVM's shared SecureRandom, a lock and a system call on every
     * request (4 % of the gateway's CPU).
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The sane id the client sent, or null; checked once per exchange (the edge filter and the gateway both ask). */
    public static String clientOf(RoutingContext context) {
        if (context == null) {
            return null;
        }
        String client = context.get(CLIENT_KEY);
        if (client == null) {
            String sane = sane(context.request().getHeader(HEADER));
            client = sane == null ? "" : sane;
            context.put(CLIENT_KEY, client);
        }
        return client.isEmpty() ? null : client;
    }

    /** What the client is answered with: its own id, or ours when it sent none. */
    public static String echoed(RoutingContext context) {
        String client = clientOf(context);
        return client != null ? client : of(context);
    }
}
