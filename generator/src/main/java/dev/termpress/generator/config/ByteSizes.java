package dev.termpress.generator.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes written in termpress.yaml: bytes, or a number with K, M or G (powers of 1024), an optional B or iB. */
final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*([KMG]?)(?:I?B)?");

    private ByteSizes() {
    }

    /**
     * The bytes {@code text} names, or -1 if it is no size. A value too large for a long is
     * {@link Long#MAX_VALUE}: callers compare against their own maximum.
     */
    static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return -1;
        }
        int shift = switch (m.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 0;
        };
        long value = Long.parseLong(m.group(1));
        return value > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : value << shift;
    }
}
