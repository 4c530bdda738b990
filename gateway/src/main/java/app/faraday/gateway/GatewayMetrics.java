package app.faraday.gateway;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The gateway's own meters: requests by route and status, rate-limit decisions by policy. */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    /** Timers by route and status, looked up once each rather than built per request. */
    Timer requests(String route, int status) {
        return timers.computeIfAbsent(route + ' ' + status, k -> Timer.builder("faraday.gateway.requests")
                .description("Requests through the gateway (upstream time included), by route and status")
                .tags("route", route, "status", String.valueOf(status)).register(registry));
    }

    void rateLimit(String policy, String decision) {
        registry.counter("faraday.gateway.ratelimit", "policy", policy, "decision", decision).increment();
    }
}
