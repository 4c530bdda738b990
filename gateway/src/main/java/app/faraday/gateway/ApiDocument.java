package app.faraday.gateway;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.faraday.gateway.config.GatewayConfig;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.web.HttpProblems;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;

/**
 * One OpenAPI document for the whole API, merged from each service's own (/q/openapi), and Swagger UI
 * over it. Built on request and kept for a minute; a service that cannot be asked is left out and
 * named in the document, rather than failing the whole page.
 */
@ApplicationScoped
public class ApiDocument {

    private static final Duration KEEP = Duration.ofMinutes(1);

    private final GatewayConfig config;
    private final ObjectMapper mapper;
    private final String swaggerUiVersion;
    private volatile Buffer cached;
    private volatile Instant cachedAt = Instant.MIN;

    public ApiDocument(GatewayConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.swaggerUiVersion = config.swaggerUiVersion();
    }

    void init(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient();
        router.get("/q/openapi").order(-10).handler(rc -> document(client).onComplete(ar -> {
            if (ar.succeeded()) {
                rc.response().putHeader("Content-Type", "application/json").end(ar.result());
            } else {
                HttpProblems.send(rc.request(), new ProblemException(500, "internal", "Internal server error",
                        "the API document could not be built"));
            }
        }));
        router.get("/q/swagger-ui").order(-10).handler(rc -> rc.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'")
                .end(page()));
        // The page's own script is a file, not inline, so the Content-Security-Policy can forbid inline scripts.
        router.get("/q/swagger-ui.js").order(-10).handler(rc -> rc.response()
                .putHeader("Content-Type", "text/javascript; charset=utf-8")
                .end("window.ui = SwaggerUIBundle({url: '/q/openapi', dom_id: '#swagger-ui', deepLinking: true});"));
    }

    private String page() {
        String base = "/webjars/swagger-ui/" + swaggerUiVersion + "/";
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Faraday API</title>"
                + "<link rel=\"stylesheet\" href=\"" + base + "swagger-ui.css\"></head>"
                + "<body><div id=\"swagger-ui\"></div><script src=\"" + base + "swagger-ui-bundle.js\"></script>"
                + "<script src=\"/q/swagger-ui.js\"></script></body></html>";
    }

    Future<Buffer> document(HttpClient client) {
        if (cached != null && Instant.now().isBefore(cachedAt.plus(KEEP))) {
            return Future.succeededFuture(cached);
        }
        Set<URI> upstreams = new LinkedHashSet<>();
        config.routes().values().forEach(r -> r.upstream().ifPresent(upstreams::add));
        List<Future<JsonNode>> parts = new ArrayList<>();
        for (URI upstream : upstreams) {
            parts.add(fetch(client, upstream).recover(e -> {
                Log.warnf("API document of %s left out: %s", upstream, e.toString());
                return Future.succeededFuture(mapper.createObjectNode().put("x-missing", upstream.toString()));
            }));
        }
        return Future.join(parts).map(all -> {
            Buffer merged = Buffer.buffer(merge(parts.stream().map(Future::result).toList()).toString());
            cached = merged;
            cachedAt = Instant.now();
            return merged;
        });
    }

    private Future<JsonNode> fetch(HttpClient client, URI upstream) {
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(upstream.getHost())
                        .setPort(upstream.getPort() > 0 ? upstream.getPort() : 80).setURI("/q/openapi?format=json")
                        .setConnectTimeout(2000).setIdleTimeout(5000))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("status " + response.statusCode()))
                .map(body -> {
                    try {
                        return mapper.readTree(body.getBytes());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("not JSON", e);
                    }
                });
    }

    /** Paths and components of every service; the internal feed and each service's /q pages stay out. */
    ObjectNode merge(List<JsonNode> documents) {
        ObjectNode merged = mapper.createObjectNode();
        merged.put("openapi", "3.1.0");
        merged.putObject("info").put("title", "Faraday API").put("version", "1.0")
                .put("description", "Every service of the Faraday platform, through its gateway.");
        merged.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ArrayNode tags = merged.putArray("tags");
        ArrayNode missing = mapper.createArrayNode();
        Set<String> tagNames = new LinkedHashSet<>();
        for (JsonNode document : documents) {
            if (document.has("x-missing")) {
                missing.add(document.get("x-missing"));
                continue;
            }
            document.path("paths").fields().forEachRemaining(p -> {
                if (!p.getKey().startsWith("/internal") && !p.getKey().startsWith("/q/")) {
                    paths.set(p.getKey(), p.getValue());
                }
            });
            document.path("components").fields().forEachRemaining(section -> {
                ObjectNode target = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                section.getValue().fields().forEachRemaining(c -> {
                    if (!target.has(c.getKey())) {
                        target.set(c.getKey(), c.getValue());
                    }
                });
            });
            document.path("tags").forEach(tag -> {
                if (tagNames.add(tag.path("name").asText())) {
                    tags.add(tag);
                }
            });
        }
        if (!missing.isEmpty()) {
            merged.set("x-faraday-missing-services", missing);
        }
        addGatewayResponses(paths, components);
        return merged;
    }

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** What the gateway itself may answer on any routed operation, beside what the service declares. */
    private static final String[][] GATEWAY_RESPONSES = {
        { "429", "TooManyRequests", "The caller's rate limit is used up; retry after Retry-After seconds" },
        { "502", "BadGateway", "The service behind this path cannot be reached" },
        { "503", "ServiceUnavailable", "The service is not deployed, or the shared rate limiter cannot be asked"
                + " for a path that needs it" },
        { "504", "GatewayTimeout", "The service did not answer within the route's timeout" },
    };

    /**
     * Every operation gets the gateway's own answers by reference (unless its service declares that status
     * already), and every one of them states the rate-limit headers the gateway adds to each answer.
     */
    private void addGatewayResponses(ObjectNode paths, ObjectNode components) {
        ObjectNode responses = components.has("responses") ? (ObjectNode) components.get("responses")
                : components.putObject("responses");
        for (String[] r : GATEWAY_RESPONSES) {
            ObjectNode response = responses.putObject(r[1]).put("description", r[2]);
            response.putObject("content").putObject("application/problem+json").putObject("schema")
                    .put("$ref", "#/components/schemas/Problem");
            if (!r[0].startsWith("50") || r[0].equals("503")) {
                header(response, "Retry-After", "Seconds to wait before trying again", "integer");
            }
        }
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!METHODS.contains(op.getKey()) || !op.getValue().isObject()) {
                return;
            }
            ObjectNode operation = (ObjectNode) op.getValue();
            ObjectNode declared = operation.has("responses") ? (ObjectNode) operation.get("responses")
                    : operation.putObject("responses");
            for (String[] r : GATEWAY_RESPONSES) {
                if (!declared.has(r[0])) {
                    declared.putObject(r[0]).put("$ref", "#/components/responses/" + r[1]);
                }
            }
        }));
    }

    private void header(ObjectNode response, String name, String description, String type) {
        ObjectNode headers = response.has("headers") ? (ObjectNode) response.get("headers")
                : response.putObject("headers");
        headers.putObject(name).put("description", description).putObject("schema").put("type", type);
    }
}
