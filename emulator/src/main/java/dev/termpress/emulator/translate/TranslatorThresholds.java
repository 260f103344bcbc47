package dev.termpress.emulator.translate;

/**
 * When a {@link Translator} in production mode compiles and when it gives a page up: a value the host
 * passes in, since what pays off differs by host (HotSpot compiles a unit on another thread; the
 * browser worker writes each module on its only thread and V8 tiers it up later).
 *
 * @param cold arrivals on a page that the interpreter counts by itself before the translator looks at them
 * @param hot arrivals the translator records on a page before compiling it (and, once compiled, misses
 *     before it recompiles it with more entries)
 * @param chunk the longest interpreter run between two looks at the pc while control stays on one page
 * @param minRun instructions a unit must run per entry on average (steps to its entries counted against
 *     it) or its page is left to the interpreter
 */
public record TranslatorThresholds(int cold, int hot, int chunk, int minRun) {

    /** The JVM's: {@code termpress.translate.cold}, {@code .hot}, {@code .chunk}, {@code .minRun} or 256, 64, 1,024, 16. */
    public static final TranslatorThresholds JVM = new TranslatorThresholds(
            Integer.getInteger("termpress.translate.cold", 256),
            Integer.getInteger("termpress.translate.hot", 64),
            Integer.getInteger("termpress.translate.chunk", 1024),
            Integer.getInteger("termpress.translate.minRun", 16));

    public TranslatorThresholds {
        if (cold < 0 || hot < 1 || chunk < 1 || minRun < 0) {
            throw new IllegalArgumentException("thresholds out of range: " + cold + ", " + hot + ", " + chunk + ", " + minRun);
        }
    }
}
