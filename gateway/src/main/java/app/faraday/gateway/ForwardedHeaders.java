package app.faraday.gateway;

import java.util.concurrent.TimeUnit;

import app.faraday.kit.web.RequestIds;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Tells the service who asked and how (X-Forwarded-*, written by the gateway, never passed on from
 * the client), and keeps the request id; on the way back, drops what the service says about itself.
 */
final class ForwardedHeaders implements ProxyInterceptor {

    private final Timer upstream;

    ForwardedHeaders(Timer upstream) {
        this.upstream = upstream;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        HttpServerRequest in = context.request().proxiedRequest();
        var headers = context.request().headers();
        headers.remove("Forwarded").remove("X-Forwarded-Port").remove("X-Forwarded-Ssl").remove("X-Forwarded-Prefix");
        headers.set("X-Forwarded-For", in.remoteAddress().hostAddress());
        headers.set("X-Forwarded-Proto", in.scheme() == null ? "http" : in.scheme());
        if (in.authority() != null) {
            headers.set("X-Forwarded-Host", in.authority().toString());
        }
        headers.set(RequestIds.HEADER, in.getHeader(RequestIds.HEADER));
        long started = System.nanoTime();
        // Until the service's response headers arrive: the upstream's own latency, without the caller's network.
        return context.sendRequest()
                .onComplete(done -> upstream.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        // The gateway sets these on every answer itself; the service's copies would arrive twice.
        context.response().headers().remove("Server").remove("X-Powered-By").remove(RequestIds.HEADER)
                .remove("X-Content-Type-Options").remove("Strict-Transport-Security");
        return context.sendResponse();
    }
}
