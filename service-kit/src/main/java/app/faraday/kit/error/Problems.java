package app.faraday.kit.error;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import app.faraday.kit.web.RequestIds;
import io.vertx.core.http.HttpServerRequest;

/** Builds problem+json responses; the one place that knows their shape. */
public final class Problems {

    private Problems() {
    }

    public static Problem of(int status, String slug, String title, String detail, HttpServerRequest request,
            List<Problem.Violation> violations) {
        String instance = request == null ? null : request.path();
        String requestId = request == null ? null : request.response().headers().get(RequestIds.HEADER);
        return new Problem(Problem.TYPE_BASE + slug, title, status, detail, instance, requestId,
                violations == null || violations.isEmpty() ? null : violations);
    }

    public static Response response(ProblemException e, HttpServerRequest request) {
        Response.ResponseBuilder builder = Response.status(e.status())
                .type(Problem.MEDIA_TYPE)
                .entity(of(e.status(), e.slug(), e.title(), e.getMessage(), request, e.violations()));
        if (e.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Math.max(1, e.retryAfterSeconds()));
        }
        if (e.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, e.challenge() != null ? e.challenge() : "Bearer realm=\"faraday\"");
        }
        return builder.build();
    }

    public static Response response(int status, String slug, String title, String detail, HttpServerRequest request) {
        return response(new ProblemException(status, slug, title, detail), request);
    }
}
