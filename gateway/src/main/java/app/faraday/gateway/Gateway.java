package app.faraday.gateway;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import app.faraday.gateway.RouteTable.Route;
import app.faraday.gateway.config.GatewayConfig;
import app.faraday.gateway.ratelimit.Decision;
import app.faraday.gateway.ratelimit.RateLimiter;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.web.HttpProblems;
import app.faraday.kit.web.RequestIds;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The front door's per-request pipeline, for each route of the {@link RouteTable}: body size, the
 * token check for protected paths, the caller's rate limit, then the proxy, which streams both bodies
 * through. Request ids and the problem+json of failures come from web-kit's HttpEdge, before this
 * runs. /internal is never routed; paths no route claims are 404.
 */
@ApplicationScoped
public class Gateway {

    private final GatewayConfig config;
    private final RouteTable table;
    private final EdgeAuth auth;
    private final RateLimiter limiter;
    private final GatewayMetrics metrics;

    public Gateway(GatewayConfig config, RouteTable table, EdgeAuth auth, RateLimiter limiter, GatewayMetrics metrics) {
        this.config = config;
        this.table = table;
        this.auth = auth;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    void init(@Observes Router router, Vertx vertx) {
        List<Route> routes = table.build(vertx);
        router.route("/internal/*").order(-10)
                .handler(rc -> refuse(rc.request(), ProblemException.notFound("no such resource")));
        for (Route route : routes) {
            for (String prefix : route.prefixes()) {
                router.route(prefix).handler(rc -> handle(rc, route));
                router.route(prefix.endsWith("/") ? prefix + "*" : prefix + "/*").handler(rc -> handle(rc, route));
            }
        }
        router.route().last().handler(rc -> refuse(rc.request(), ProblemException.notFound("no such resource")));
        Log.infof("gateway routes: %s", routes.stream().map(r -> r.name() + " " + r.prefixes()).toList());
    }

    private void handle(RoutingContext rc, Route route) {
        HttpServerRequest request = rc.request();
        request.pause();
        // The service sees, and answers with, the id the client gets back: its own, or ours.
        request.headers().set(RequestIds.HEADER, RequestIds.echoed(rc));
        if ("https".equals(request.scheme())) {
            rc.response().putHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        Timer.Sample sample = metrics.start();
        rc.addEndHandler(done -> sample.stop(metrics.requests(route.name(), rc.response().getStatusCode())));

        String declared = request.getHeader("Content-Length");
        if (declared != null && tooLarge(declared)) {
            refuse(request, new ProblemException(413, "payload-too-large", "Payload too large",
                    "the request body is too large"));
            return;
        }
        String token = EdgeAuth.bearer(request.getHeader("Authorization"));
        boolean isPublic = route.isPublic(request.path());
        if (token == null && !isPublic) {
            refuse(request, ProblemException.unauthorized("a valid bearer token is required"));
            return;
        }
        identify(token).subscribe().with(identity -> {
            if (identity.invalid() && !isPublic) {
                refuse(request, ProblemException.unauthorized("the bearer token is missing, expired or invalid"));
            } else {
                // On a public path an invalid token is the service's to refuse (it authenticates proactively).
                limit(rc, request, route, identity.invalid() ? EdgeIdentity.ANONYMOUS : identity);
            }
        }, failure -> refuse(request, new ProblemException(500, "internal", "Internal server error",
                "something went wrong on our side")));
    }

    private Uni<EdgeIdentity> identify(String token) {
        if (token == null) {
            return Uni.createFrom().item(EdgeIdentity.ANONYMOUS);
        }
        return auth.subject(token).map(EdgeIdentity::of).onFailure().recoverWithItem(failure -> {
            Log.debugf(failure, "token refused at the edge");
            return EdgeIdentity.INVALID;
        });
    }

    private void limit(RoutingContext rc, HttpServerRequest request, Route route, EdgeIdentity identity) {
        GatewayConfig.Policy policy = route.policy();
        boolean byCaller = identity.subject() != null && "caller".equals(policy.key());
        String key = route.policyName() + ":" + (byCaller ? "sub:" + identity.subject()
                : "ip:" + request.remoteAddress().hostAddress());
        limiter.acquire(key, policy.quota(), policy.window()).subscribe().with(decision -> {
            metrics.rateLimit(route.policyName(), decision.allowed() ? "allowed" : "limited");
            rateLimitHeaders(rc.response(), route.policyName(), policy, decision);
            if (!decision.allowed()) {
                refuse(request, new ProblemException(429, "rate-limited", "Too many requests",
                        "the rate limit of " + policy.quota() + " requests per " + policy.window().toSeconds()
                                + " s is used up; retry after " + decision.retryAfter() + " s",
                        List.of(), decision.retryAfter()));
                return;
            }
            forward(request, route);
        }, failure -> {
            metrics.rateLimit(route.policyName(), "error");
            Log.warnf("rate limiter unavailable (%s): %s", policy.failClosed() ? "refusing" : "letting through",
                    failure.toString());
            if (policy.failClosed()) {
                refuse(request, new ProblemException(503, "rate-limiter-unavailable", "Service unavailable",
                        "this path is protected by a rate limit that cannot be checked right now; try again shortly",
                        List.of(), 5L));
            } else {
                forward(request, route);
            }
        });
    }

    private void forward(HttpServerRequest request, Route route) {
        if (route.proxy() == null) {
            refuse(request, new ProblemException(503, "upstream-unavailable", "Service unavailable",
                    "this part of the API is not deployed"));
            return;
        }
        route.proxy().handle(request);
    }

    /** The gateway's own answer; the paused request is resumed so the connection can be reused. */
    private static void refuse(HttpServerRequest request, ProblemException problem) {
        HttpProblems.send(request, problem);
        request.resume();
    }

    private boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.strip()) > config.maxBodyBytes();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    static void rateLimitHeaders(HttpServerResponse response, String name, GatewayConfig.Policy policy,
            Decision decision) {
        response.putHeader("RateLimit-Policy",
                "\"" + name + "\";q=" + policy.quota() + ";w=" + policy.window().toSeconds());
        response.putHeader("RateLimit", "\"" + name + "\";r=" + decision.remaining() + ";t=" + decision.resetSeconds());
    }
}
