package app.faraday.kit.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.MDC;

import app.faraday.kit.error.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What every exchange gets before anything else runs: request ids (ours for the log, the echoed one
 * in the response: {@link RequestIds}), and an early 413 when the
 * declared body is over the limit. Failures outside the REST layer (authentication, unknown routes)
 * are answered as problem+json too.
 */
@ApplicationScoped
public class HttpEdge {

    /** Runs before Quarkus' own routes, which start at order 0 and above. */
    static final int ORDER = -10_000;

    void register(@Observes Router router) {
        long maxBody = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(10L * 1024 * 1024);
        router.route().order(ORDER).handler(context -> {
            context.response().putHeader(RequestIds.HEADER, RequestIds.echoed(context));
            MDC.put("requestId", RequestIds.of(context));
            String client = RequestIds.clientOf(context);
            if (client != null) {
                MDC.put("clientRequestId", client);
            }
            if (declaredLength(context) > maxBody) {
                // Refused before the upload; Quarkus' own later refusal has no body.
                context.response().putHeader(HttpHeaders.CONNECTION, "close");
                context.fail(413);
                return;
            }
            context.next();
        });
        router.route().order(ORDER).failureHandler(HttpEdge::failure);
    }

    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void failure(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        Throwable failure = context.failure();
        int status = context.statusCode();
        ProblemException problem;
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            problem = ProblemException.unauthorized("the bearer token is missing, expired or invalid");
        } else if (failure instanceof ForbiddenException) {
            problem = ProblemException.forbidden("your role does not allow this");
        } else if (status == 413) {
            problem = new ProblemException(413, "payload-too-large", "Payload too large",
                    "the request body is too large");
        } else if (status >= 400 && status < 500) {
            problem = new ProblemException(status, "error", "Request failed", "the request cannot be served");
        } else {
            Log.errorf(failure, "request failed outside the REST layer with %d", status);
            problem = new ProblemException(500, "internal", "Internal server error",
                    "something went wrong on our side; quote the request id when reporting it");
        }
        HttpProblems.send(context.request(), problem);
    }
}
