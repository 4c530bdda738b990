package app.faraday.kit.error;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import app.faraday.kit.web.HttpProblems;
import io.vertx.core.http.HttpServerRequest;

/** Problem+json as a JAX-RS response, for the REST layer's exception mappers; the shape is {@link HttpProblems}'. */
public final class Problems {

    private Problems() {
    }

    public static Response response(ProblemException e, HttpServerRequest request) {
        Response.ResponseBuilder builder = Response.status(e.status())
                .type(Problem.MEDIA_TYPE)
                .entity(HttpProblems.of(e, request));
        if (e.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Math.max(1, e.retryAfterSeconds()));
        }
        if (e.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, HttpProblems.challenge(e));
        }
        return builder.build();
    }

    public static Response response(int status, String slug, String title, String detail, HttpServerRequest request) {
        return response(new ProblemException(status, slug, title, detail), request);
    }
}
