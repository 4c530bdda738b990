package app.faraday.memory;

/**
 * Turns text into a vector whose cosine with another says how close their meanings are. One model per
 * deployment: its id is stored beside every vector, and vectors of different models never meet.
 * Implementations block (a model runs on the CPU, or a request goes out): {@link Embeddings} calls them on
 * its own threads, never on an event loop.
 */
interface Embedder {

    /** The model's id, e.g. {@code all-minilm-l6-v2-q}. */
    String model();

    /** The vector of {@code text}; throws when the model cannot answer. */
    float[] embed(String text);
}
