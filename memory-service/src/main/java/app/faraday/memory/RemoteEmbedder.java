package app.faraday.memory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.faraday.memory.config.MemoryConfig;

/**
 * An OpenAI-compatible {@code POST /v1/embeddings} that the district runs itself (Ollama, vLLM, Azure
 * OpenAI, ...): for deployments that keep models elsewhere, and for native images, where ONNX Runtime's
 * native library is a risk. The model id stored with each vector is {@code remote:<model>}.
 */
final class RemoteEmbedder implements Embedder {

    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final Duration timeout;
    private final ObjectMapper mapper;
    private final HttpClient http;

    RemoteEmbedder(MemoryConfig.Embedding.Remote config, ObjectMapper mapper) {
        URI base = config.url().orElseThrow(() -> new IllegalStateException(
                "faraday.memory.embedding.provider=remote needs faraday.memory.embedding.remote.url"));
        String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        this.endpoint = base.resolve(path + "/v1/embeddings");
        this.apiKey = config.apiKey().orElse(null);
        this.model = config.model();
        this.timeout = config.timeout();
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String model() {
        return "remote:" + model;
    }

    @Override
    public float[] embed(String text) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(
                            mapper.createObjectNode().put("model", model).put("input", text))));
            if (apiKey != null) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the embedding endpoint answered " + response.statusCode());
            }
            JsonNode vector = mapper.readTree(response.body()).path("data").path(0).path("embedding");
            if (!vector.isArray() || vector.isEmpty()) {
                throw new IllegalStateException("the embedding endpoint's answer holds no data[0].embedding");
            }
            float[] out = new float[vector.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) vector.get(i).asDouble();
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("the embedding endpoint could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        }
    }
}
