package app.faraday.gateway;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import app.faraday.kit.error.Problem;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.web.HttpProblems;
import io.quarkus.logging.Log;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.Future;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Turns an upstream that cannot be reached (502) or stays silent past the route's timeout (504) into
 * a problem+json answer, so callers get the same kind of error from the gateway as from a service.
 */
final class UpstreamProblems implements ProxyInterceptor {

    private final String route;

    UpstreamProblems(String route) {
        this.route = route;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        return context.sendRequest().recover(failure -> {
            boolean timeout = isTimeout(failure);
            int status = timeout ? 504 : 502;
            if (failure instanceof StreamResetException) {
                // The caller hung up first and the proxy cut the upstream request short: nobody to answer.
                Log.debugf("route %s: request abandoned by the caller", route);
            } else {
                Log.warnf("route %s: upstream %s: %s", route, timeout ? "timed out" : "unreachable",
                        failure.toString());
            }
            ProblemException problem = new ProblemException(status,
                    timeout ? "upstream-timeout" : "upstream-unavailable",
                    timeout ? "Gateway timeout" : "Bad gateway",
                    timeout ? "the service behind this path did not answer in time; try again"
                            : "the service behind this path cannot be reached; try again shortly");
            Problem body = HttpProblems.of(problem, context.request().proxiedRequest());
            ProxyResponse response = context.request().release().response().setStatusCode(status);
            response.headers().set("Content-Type", Problem.MEDIA_TYPE);
            response.setBody(Body.body(HttpProblems.body(body)));
            return Future.succeededFuture(response);
        });
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof io.netty.channel.ConnectTimeoutException
                    || (t.getMessage() != null && t.getMessage().contains("timeout period"))) {
                return true;
            }
            if (t instanceof ConnectException) {
                return false;
            }
        }
        return false;
    }
}
