package app.faraday.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Routes, rate-limit policies and the rate limiter's backend; docs/gateway.md explains each. */
@ConfigMapping(prefix = "faraday.gateway")
public interface GatewayConfig {

    /** By route name: which path prefixes go to which upstream. */
    Map<String, Route> routes();

    /** By policy name: how many requests per window one caller may make. */
    Map<String, Policy> policies();

    @WithName("rate-limit")
    RateLimit rateLimit();

    /** The Swagger UI the combined document is shown with (the webjar's version, to find its files). */
    @WithName("swagger-ui-version")
    @WithDefault("5.34.1")
    String swaggerUiVersion();

    /** Bodies declared larger than this are refused with 413 before they are read. */
    @WithName("max-body-bytes")
    @WithDefault("1048576")
    long maxBodyBytes();

    interface Route {

        /** "/api/v1/lessons" matches that path and everything below it. */
        List<String> prefixes();

        /** Where the route goes; a route without one answers 503 (a service not deployed). */
        Optional<URI> upstream();

        /** How long the upstream may stay silent before the caller gets 504. */
        @WithDefault("PT30S")
        Duration timeout();

        @WithDefault("default")
        String policy();

        /** Paths of this route that need no token (exact matches). */
        @WithName("public-paths")
        Optional<List<String>> publicPaths();
    }

    interface Policy {

        /** Requests allowed per window; also the largest burst. */
        int quota();

        Duration window();

        /** When the shared limiter (Redis) cannot be asked: refuse (true) or let requests through (false). */
        @WithName("fail-closed")
        @WithDefault("false")
        boolean failClosed();

        /**
         * Who is counted: {@code caller} (a valid token's subject, else the client address) or
         * {@code address} (always the client address, so a token never opens a fresh quota).
         */
        @WithDefault("caller")
        String key();
    }

    interface RateLimit {

        /** "memory" (one gateway) or "redis" (several replicas sharing one limit). */
        @WithDefault("memory")
        String backend();

        /** Keys in Redis start with this, so several deployments can share one server. */
        @WithName("redis-key-prefix")
        @WithDefault("faraday:ratelimit:")
        String redisKeyPrefix();
    }
}
