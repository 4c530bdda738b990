package app.faraday.memory;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions), shipped inside its jar and run by ONNX Runtime in this
 * process: no teacher's words leave the service to be embedded. Loading takes one to two seconds of CPU,
 * so {@link Embeddings} does it in the background after start.
 */
final class LocalEmbedder implements Embedder {

    static final String MODEL = "all-minilm-l6-v2-q";

    private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }
}
