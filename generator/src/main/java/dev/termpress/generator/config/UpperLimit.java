package dev.termpress.generator.config;

import dev.termpress.emulator.fs.ImageFileSystem;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*([KMG]?)(?:I?B)?");

    private UpperLimit() {
    }

    /** The limit {@code text} names, in bytes. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write bytes or a number with K, M or G,"
                    + " e.g. 64M or 1G");
        }
        int shift = switch (m.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 0;
        };
        long value = Long.parseLong(m.group(1));
        long bytes = value > (MAX >> shift) ? MAX + 1 : value << shift;
        if (bytes < MIN || bytes > MAX) {
            throw new IllegalArgumentException("'" + text + "' is outside " + MIN / (1 << 20) + "M to " + MAX / (1 << 30)
                    + "G (the default is " + ImageFileSystem.DEFAULT_UPPER_LIMIT / (1 << 20) + "M)");
        }
        return bytes;
    }
}
