package dev.termpress.generator.config;

import java.util.Locale;

/**
 * How many bytes a page may fetch for a demo block's image before the reader presses Run ({@code prewarm:} in
 * termpress.yaml, site-wide or per image): the runtime prewarms a block that scrolls into view only when the
 * image's boot snapshot (or the kernel, without one) fits. {@code prewarm: true} is the default budget,
 * {@code false} turns prewarming off, a size ({@code 8M}) sets the budget.
 *
 * @param bytes the budget; 0 when prewarming is off
 */
public record PrewarmBudget(long bytes) {

    /** The default: busybox's snapshot fits, a large Debian one does not. */
    public static final PrewarmBudget DEFAULT = new PrewarmBudget(4L << 20);
    /** Nothing is fetched before the click. */
    public static final PrewarmBudget OFF = new PrewarmBudget(0);
    /** Largest budget: prewarming happens on pages the reader may only scroll past. */
    public static final long MAX = 1L << 30;


    public PrewarmBudget {
        if (bytes < 0 || bytes > MAX) {
            throw new IllegalArgumentException("a prewarm budget is 0 to " + (MAX >> 30) + "G, not " + bytes);
        }
    }

    /** Whether blocks of the image prewarm at all. */
    public boolean on() {
        return bytes > 0;
    }

    /** {@code true}, {@code false} or a size in bytes or K, M, G (binary units), as written in termpress.yaml. */
    public static PrewarmBudget parse(String text) {
        String trimmed = text.trim().toUpperCase(Locale.ROOT);
        if (trimmed.equals("TRUE")) {
            return DEFAULT;
        }
        if (trimmed.equals("FALSE")) {
            return OFF;
        }
        long bytes = ByteSizes.parse(trimmed);
        if (bytes < 0) {
            throw new IllegalArgumentException("'" + text + "' is not true, false or a size (bytes or a number with"
                    + " K, M or G, e.g. 8M; the default is " + (DEFAULT.bytes >> 20) + "M)");
        }
        if (bytes > MAX) {
            throw new IllegalArgumentException("'" + text + "' is more than " + (MAX >> 30) + "G");
        }
        return new PrewarmBudget(bytes);
    }
}
