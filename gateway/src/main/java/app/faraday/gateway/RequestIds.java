package app.faraday.gateway;

import java.util.UUID;
import java.util.regex.Pattern;

/** Request ids as the services accept them: a sane client id is kept, anything else replaced. */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    static String accept(String candidate) {
        return candidate != null && SANE.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
    }
}
