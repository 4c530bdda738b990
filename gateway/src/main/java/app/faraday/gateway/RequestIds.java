package app.faraday.gateway;

import java.util.regex.Pattern;

/** Request ids as the services take them: a sane client id is kept beside the gateway's own, anything else dropped. */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    static String sane(String candidate) {
        return candidate != null && SANE.matcher(candidate).matches() ? candidate : null;
    }
}
