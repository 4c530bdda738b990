package app.faraday.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import app.faraday.gateway.config.GatewayConfig;
import app.faraday.gateway.ratelimit.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;

/**
 * The routes of {@code faraday.gateway.routes}, checked against the policies they name, each with
 * the proxy to its upstream: built once at start, longest prefix first.
 */
@ApplicationScoped
public class RouteTable {

    private final GatewayConfig config;
    private final MeterRegistry registry;

    public RouteTable(GatewayConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** A configured route with its rate-limit policy and its proxy (null when the route has no upstream yet). */
    record Route(String name, List<String> prefixes, Set<String> publicPaths, String policyName,
            GatewayConfig.Policy policy,
            HttpProxy proxy) {

        boolean isPublic(String path) {
            return publicPaths.contains(path);
        }
    }

    /** Refuses a configuration a request would trip over later: fails the start with what to fix. */
    List<Route> build(Vertx vertx) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2000),
                new PoolOptions().setHttp1MaxSize(200));
        List<Route> routes = new ArrayList<>();
        config.routes().forEach((name, route) -> {
            GatewayConfig.Policy policy = config.policies().get(route.policy());
            if (policy == null) {
                throw new IllegalStateException("route " + name + " names rate-limit policy " + route.policy()
                        + ", which faraday.gateway.policies does not define");
            }
            if (policy.quota() < 1 || policy.quota() > RateLimiter.micros(policy.window())) {
                throw new IllegalStateException("policy " + route.policy() + ": quota " + policy.quota() + " per "
                        + policy.window() + " must be between 1 and one a microsecond ("
                        + RateLimiter.micros(policy.window()) + ")");
            }
            if (!List.of("caller", "address").contains(policy.key())) {
                throw new IllegalStateException("policy " + route.policy()
                        + ": key must be caller or address, not " + policy.key());
            }
            routes.add(new Route(name, route.prefixes(),
                    Set.copyOf(route.publicPaths().orElse(List.of())), route.policy(), policy,
                    route.upstream().map(upstream -> proxy(client, name, upstream, route.timeout().toMillis()))
                            .orElse(null)));
        });
        // Longest prefix first, so /api/v1/auth/register is not taken for /api/v1/auth.
        routes.sort(Comparator.comparingInt((Route r) -> r.prefixes().stream().mapToInt(String::length).max().orElse(0))
                .reversed());
        return routes;
    }

    private HttpProxy proxy(HttpClient client, String name, URI upstream, long timeoutMillis) {
        SocketAddress address = SocketAddress.inetSocketAddress(upstream.getPort() > 0 ? upstream.getPort() : 80,
                upstream.getHost());
        // No WebSocket routes: an upgrade would bypass the interceptors that write the forwarding headers.
        return HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                .originRequestProvider((request, c) -> c.request(new RequestOptions().setServer(address)
                        .setConnectTimeout(Math.min(timeoutMillis, 2000)).setIdleTimeout(timeoutMillis)))
                .addInterceptor(new UpstreamProblems(name))
                .addInterceptor(new ForwardedHeaders(Timer.builder("faraday.gateway.upstream")
                        .description("Time until the service's response headers arrived, by route")
                        .tag("route", name).register(registry)));
    }
}
