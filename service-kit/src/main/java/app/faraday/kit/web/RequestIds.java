package app.faraday.kit.web;

import java.util.UUID;
import java.util.regex.Pattern;

import io.vertx.ext.web.RoutingContext;

/** Request ids: echoed when the client sent a sane one, generated otherwise. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String CONTEXT_KEY = "faraday.requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static String accept(String candidate) {
        return candidate != null && SANE.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
    }

    /** The id of the exchange; one is assigned on first use if the filter has not run. */
    public static String of(RoutingContext context) {
        if (context == null) {
            return UUID.randomUUID().toString();
        }
        String id = context.get(CONTEXT_KEY);
        if (id == null) {
            id = accept(context.request().getHeader(HEADER));
            context.put(CONTEXT_KEY, id);
        }
        return id;
    }
}
