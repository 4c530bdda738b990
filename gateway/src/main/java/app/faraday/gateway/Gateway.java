package app.faraday.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import app.faraday.gateway.config.GatewayConfig;
import app.faraday.gateway.ratelimit.Decision;
import app.faraday.gateway.ratelimit.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jboss.logging.MDC;

import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;

/**
 * The front door. For each request: request id, routing by path prefix, body size, the token check
 * for protected paths, the caller's rate limit, then the proxy, which streams both bodies through.
 * /internal is never routed; paths no route claims are 404.
 */
@ApplicationScoped
public class Gateway {

    private final GatewayConfig config;
    private final EdgeAuth auth;
    private final RateLimiter limiter;
    private final MeterRegistry registry;

    public Gateway(GatewayConfig config, EdgeAuth auth, RateLimiter limiter, MeterRegistry registry) {
        this.config = config;
        this.auth = auth;
        this.limiter = limiter;
        this.registry = registry;
    }

    /** A configured route with its proxy (null when the route has no upstream yet). */
    record Route(String name, List<String> prefixes, Set<String> publicPaths, String policy, HttpProxy proxy) {

        boolean matches(String path) {
            return prefixes.stream().anyMatch(p -> path.equals(p) || path.startsWith(p.endsWith("/") ? p : p + "/"));
        }
    }

    void init(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2000),
                new PoolOptions().setHttp1MaxSize(200));
        List<Route> routes = new ArrayList<>();
        config.routes().forEach((name, route) -> {
            routes.add(new Route(name, route.prefixes(), Set.copyOf(route.publicPaths().orElse(List.of())), route.policy(),
                    route.upstream().map(upstream -> proxy(client, name, upstream, route.timeout().toMillis())).orElse(null)));
            GatewayConfig.Policy policy = config.policies().get(route.policy());
            if (policy != null && (policy.quota() < 1 || policy.quota() > policy.window().toMillis())) {
                throw new IllegalStateException("policy " + route.policy() + ": quota must be between 1 and the window in milliseconds");
            }
            if (!config.policies().containsKey(route.policy())) {
                throw new IllegalStateException("route " + name + " names rate-limit policy " + route.policy()
                        + ", which faraday.gateway.policies does not define");
            }
            if (!List.of("caller", "address").contains(policy.key())) {
                throw new IllegalStateException("policy " + route.policy() + ": key must be caller or address, not " + policy.key());
            }
        });
        // Longest prefix first, so /api/v1/auth is not taken for /api/v1.
        routes.sort(Comparator.comparingInt((Route r) -> r.prefixes().stream().mapToInt(String::length).max().orElse(0)).reversed());
        router.route("/internal/*").order(-10).handler(rc -> Problems.send(withRequestId(rc), 404, "not-found", "Not found", "no such resource"));
        for (Route route : routes) {
            for (String prefix : route.prefixes()) {
                router.route(prefix).handler(rc -> handle(rc, route));
                router.route(prefix.endsWith("/") ? prefix + "*" : prefix + "/*").handler(rc -> handle(rc, route));
            }
        }
        router.route().last().handler(rc -> Problems.send(withRequestId(rc), 404, "not-found", "Not found", "no such resource"));
        Log.infof("gateway routes: %s", routes.stream().map(r -> r.name() + " " + r.prefixes()).toList());
    }

    private HttpProxy proxy(HttpClient client, String name, URI upstream, long timeoutMillis) {
        SocketAddress address = SocketAddress.inetSocketAddress(upstream.getPort() > 0 ? upstream.getPort() : 80, upstream.getHost());
        // No WebSocket routes: an upgrade would bypass the interceptors that write the forwarding headers.
        return HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                .originRequestProvider((request, c) -> c.request(new RequestOptions().setServer(address)
                        .setConnectTimeout(Math.min(timeoutMillis, 2000)).setIdleTimeout(timeoutMillis)))
                .addInterceptor(new UpstreamProblems(name))
                .addInterceptor(new ForwardedHeaders(Timer.builder("faraday.gateway.upstream")
                        .description("Time until the service's response headers arrived, by route")
                        .tag("route", name).register(registry)));
    }

    /**
     * The gateway's own id for the request goes to its logs (beside the client's, if sane); the client's
     * id, or ours when it sent none, is what the service sees and the client gets back.
     */
    private HttpServerRequest withRequestId(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String ours = java.util.UUID.randomUUID().toString();
        String client = RequestIds.sane(request.getHeader(RequestIds.HEADER));
        MDC.put("requestId", ours);
        if (client != null) {
            MDC.put("clientRequestId", client);
        }
        String echoed = client != null ? client : ours;
        request.headers().set(RequestIds.HEADER, echoed);
        HttpServerResponse response = rc.response();
        response.putHeader(RequestIds.HEADER, echoed);
        if ("https".equals(request.scheme())) {
            response.putHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        return request;
    }

    private void handle(RoutingContext rc, Route route) {
        HttpServerRequest request = withRequestId(rc);
        request.pause();
        Timer.Sample sample = Timer.start(registry);
        rc.addEndHandler(done -> sample.stop(timer(route.name(), rc.response().getStatusCode())));

        String declared = request.getHeader("Content-Length");
        if (declared != null && tooLarge(declared)) {
            Problems.send(request, 413, "payload-too-large", "Payload too large", "the request body is too large");
            return;
        }
        String token = EdgeAuth.bearer(request.getHeader("Authorization"));
        boolean isPublic = route.publicPaths().contains(request.path());
        if (token == null && !isPublic) {
            Problems.send(request, 401, "unauthorized", "Unauthorized", "a valid bearer token is required");
            return;
        }
        (token == null ? io.smallrye.mutiny.Uni.createFrom().<String>nullItem() : auth.subject(token))
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf(failure, "token refused at the edge");
                    return isPublic ? null : "!invalid";
                })
                .subscribe().with(subject -> {
                    if ("!invalid".equals(subject)) {
                        Problems.send(request, 401, "unauthorized", "Unauthorized", "the bearer token is missing, expired or invalid");
                    } else {
                        limit(rc, request, route, subject);
                    }
                }, failure -> Problems.send(request, 500, "internal", "Internal server error", "something went wrong on our side"));
    }

    private void limit(RoutingContext rc, HttpServerRequest request, Route route, String subject) {
        GatewayConfig.Policy policy = config.policies().get(route.policy());
        boolean byCaller = subject != null && "caller".equals(policy.key());
        String key = route.policy() + ":" + (byCaller ? "sub:" + subject : "ip:" + request.remoteAddress().hostAddress());
        limiter.acquire(key, policy.quota(), policy.window()).subscribe().with(decision -> {
            count(route.policy(), decision.allowed() ? "allowed" : "limited");
            rateLimitHeaders(rc.response(), route.policy(), policy, decision);
            if (!decision.allowed()) {
                rc.response().putHeader("Retry-After", String.valueOf(decision.retryAfter()));
                Problems.send(request, 429, "rate-limited", "Too many requests",
                        "the rate limit of " + policy.quota() + " requests per " + policy.window().toSeconds()
                                + " s is used up; retry after " + decision.retryAfter() + " s");
                return;
            }
            forward(request, route);
        }, failure -> {
            count(route.policy(), "error");
            Log.warnf("rate limiter unavailable (%s): %s", policy.failClosed() ? "refusing" : "letting through", failure.toString());
            if (policy.failClosed()) {
                rc.response().putHeader("Retry-After", "5");
                Problems.send(request, 503, "rate-limiter-unavailable", "Service unavailable",
                        "this path is protected by a rate limit that cannot be checked right now; try again shortly");
            } else {
                forward(request, route);
            }
        });
    }

    private void forward(HttpServerRequest request, Route route) {
        if (route.proxy() == null) {
            Problems.send(request, 503, "upstream-unavailable", "Service unavailable", "this part of the API is not deployed");
            return;
        }
        route.proxy().handle(request);
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    /** Timers by route and status, looked up once each rather than built per request. */
    private Timer timer(String route, int status) {
        return timers.computeIfAbsent(route + ' ' + status, k -> Timer.builder("faraday.gateway.requests")
                .description("Requests through the gateway (upstream time included), by route and status")
                .tags("route", route, "status", String.valueOf(status)).register(registry));
    }

    private void count(String policy, String outcome) {
        registry.counter("faraday.gateway.ratelimit", "policy", policy, "decision", outcome).increment();
    }

    private boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.strip()) > config.maxBodyBytes();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    static void rateLimitHeaders(HttpServerResponse response, String name, GatewayConfig.Policy policy, Decision decision) {
        response.putHeader("RateLimit-Policy", "\"" + name + "\";q=" + policy.quota() + ";w=" + policy.window().toSeconds());
        response.putHeader("RateLimit", "\"" + name + "\";r=" + decision.remaining() + ";t=" + decision.resetSeconds());
    }
}
