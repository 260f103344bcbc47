package dev.termpress.generator.image;

import java.io.IOException;
import java.io.InputStream;

/** Small stream helpers. */
final class Streams {

    /** JSON documents larger than this are refused (image-spec manifest.md suggests 4 MB for manifests). */
    static final int MAX_JSON_BYTES = 4 * 1024 * 1024;

    private Streams() {}

    /** Reads a JSON document whole, refusing more than {@link #MAX_JSON_BYTES}. */
    static byte[] readJson(InputStream in, String where) throws ImageException, IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_JSON_BYTES + 1);
            if (bytes.length > MAX_JSON_BYTES) {
                throw new ImageException(where + ": larger than " + MAX_JSON_BYTES
                        + " bytes; expected a small JSON document");
            }
            return bytes;
        }
    }
}
