package app.faraday.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The gateway's own answers, in the same RFC 9457 shape as every service's (service-kit's Problem):
 * the gateway takes no service-kit dependency, because that brings a database with it.
 */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://faraday.app/problems/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Problems() {
    }

    static Buffer body(int status, String slug, String title, String detail, String instance, String requestId) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_BASE + slug);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", instance);
        problem.put("requestId", requestId);
        try {
            return Buffer.buffer(MAPPER.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void send(HttpServerRequest request, int status, String slug, String title, String detail) {
        HttpServerResponse response = request.response();
        if (response.ended()) {
            return;
        }
        String requestId = request.getHeader(RequestIds.HEADER);
        response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE);
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"faraday\"");
        }
        response.end(body(status, slug, title, detail, request.path(), requestId));
        request.resume();
    }
}
