package app.faraday.memory;

/**
 * Vectors as stored: one signed byte per dimension, the vector divided by its largest component and
 * scaled to 127. Cosine does not depend on a vector's length, so no scale is kept; the rounding moves a
 * cosine by about 0.01, far below the differences ranking looks at. 384 bytes per memory instead of 1,536.
 */
final class Vectors {

    private Vectors() {
    }

    static byte[] quantize(float[] vector) {
        float largest = 0;
        for (float v : vector) {
            largest = Math.max(largest, Math.abs(v));
        }
        byte[] out = new byte[vector.length];
        if (largest == 0) {
            return out;
        }
        for (int i = 0; i < vector.length; i++) {
            out[i] = (byte) Math.round(vector[i] / largest * 127);
        }
        return out;
    }

    /** Cosine of a query's vector and a stored one; 0 when their sizes differ or either is all zeros. */
    static double cosine(float[] query, byte[] stored) {
        if (query.length != stored.length) {
            return 0;
        }
        double dot = 0;
        double q = 0;
        double s = 0;
        for (int i = 0; i < query.length; i++) {
            dot += query[i] * stored[i];
            q += query[i] * query[i];
            s += stored[i] * stored[i];
        }
        return q == 0 || s == 0 ? 0 : dot / Math.sqrt(q * s);
    }
}
