package app.faraday.kit.web;

import app.faraday.kit.error.Problem;
import app.faraday.kit.error.ProblemException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;

/**
 * Problem+json written straight to a Vert.x response: for answers given outside the REST layer (the
 * edge filter, the gateway), in the same shape and with the same headers as the REST layer's.
 */
public final class HttpProblems {

    private HttpProblems() {
    }

    /** The problem for a request: {@code instance} is its path, {@code requestId} the echoed request id. */
    public static Problem of(ProblemException e, HttpServerRequest request) {
        String instance = request == null ? null : request.path();
        String requestId = request == null ? null : request.response().headers().get(RequestIds.HEADER);
        return new Problem(Problem.TYPE_BASE + e.slug(), e.title(), e.status(), e.getMessage(), instance, requestId,
                e.violations().isEmpty() ? null : e.violations());
    }

    public static Buffer body(Problem problem) {
        return Json.encodeToBuffer(problem);
    }

    /** The response headers every problem carries: {@code Retry-After} for a 429 or 503, the challenge of a 401. */
    public static void headers(ProblemException e, HttpServerResponse response) {
        if (e.retryAfterSeconds() != null) {
            response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfterSeconds())));
        }
        if (e.status() == 401) {
            response.putHeader("WWW-Authenticate", challenge(e));
        }
    }

    /** The {@code WWW-Authenticate} value of a 401: the problem's own, else the plain bearer challenge. */
    public static String challenge(ProblemException e) {
        return e.challenge() != null ? e.challenge() : "Bearer realm=\"faraday\"";
    }

    /** Answers the request with the problem, unless an answer has begun already. */
    public static void send(HttpServerRequest request, ProblemException e) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        headers(e, response);
        response.setStatusCode(e.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body(of(e, request)));
    }
}
