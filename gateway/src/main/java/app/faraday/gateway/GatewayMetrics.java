package app.faraday.gateway;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's own meters: requests by route and status, rate-limit decisions by policy. Each meter is
 * looked up once and kept, not found again in the registry by its tags on every request.
 */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> rateLimits = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    Timer requests(String route, int status) {
        return timers.computeIfAbsent(route + ' ' + status, k -> Timer.builder("faraday.gateway.requests")
                .description("Requests through the gateway (upstream time included), by route and status")
                .tags("route", route, "status", String.valueOf(status)).register(registry));
    }

    void rateLimit(String policy, String decision) {
        rateLimits.computeIfAbsent(policy + ' ' + decision, k -> Counter.builder("faraday.gateway.ratelimit")
                .tags("policy", policy, "decision", decision).register(registry)).increment();
    }
}
