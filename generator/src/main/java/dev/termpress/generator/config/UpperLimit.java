package dev.termpress.generator.config;

import dev.termpress.emulator.fs.ImageFileSystem;

/**
 * The size of an image's writable layer as a user writes it ({@code upper-limit: 64M} in
 * termpress.yaml, {@code --upper-limit 1G} for run): bytes, or a number with K, M or G (binary
 * units, an optional {@code iB} or {@code B}).
 */
public final class UpperLimit {

    /** Smallest limit: init writes a few files, and the shell's history and temporary files need room. */
    public static final long MIN = 1L << 20;
    /** Largest limit: the layer lives in the host's memory (a browser tab's, too). */
    public static final long MAX = 4L << 30;


    private UpperLimit() {
    }

    /** The limit {@code text} names, in bytes. */
    public static long parse(String text) {
        long bytes = ByteSizes.parse(text);
        if (bytes < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write bytes or a number with K, M or G,"
                    + " e.g. 64M or 1G");
        }
        if (bytes < MIN || bytes > MAX) {
            throw new IllegalArgumentException("'" + text + "' is outside " + MIN / (1 << 20) + "M to " + MAX / (1 << 30)
                    + "G (the default is " + ImageFileSystem.DEFAULT_UPPER_LIMIT / (1 << 20) + "M)");
        }
        return bytes;
    }
}
