package dev.termpress.sitetests;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.Map;

/**
 * One reader's visit to a page: open it, press Run on a demo block, wait for the prompt. Keeps the Run-to-prompt
 * time, the bytes of the requests made from opening the page to the prompt, and the worker's counters at the prompt.
 */
final class Visit implements AutoCloseable {

    private final Page page;
    private final LiveDemo demo;
    private final LiveDemo.RunTiming timing;
    private final Map<Downloads.Kind, Long> bytes;
    private final Map<Downloads.Kind, Long> decodedBytes;
    private final double[] bootStats;
    private final RunPhases phasesMillis;
    private final String prewarm;

    private Visit(Page page, LiveDemo demo, LiveDemo.RunTiming timing, Map<Downloads.Kind, Long> bytes,
            Map<Downloads.Kind, Long> decodedBytes, double[] bootStats, RunPhases phasesMillis, String prewarm) {
        this.decodedBytes = decodedBytes;
        this.prewarm = prewarm;
        this.page = page;
        this.demo = demo;
        this.timing = timing;
        this.bytes = bytes;
        this.bootStats = bootStats;
        this.phasesMillis = phasesMillis;
    }

    /** When the reader presses Run. */
    enum Click {
        /** As soon as the page is loaded (the block's prewarm, if any, has barely begun). */
        AT_ONCE("click at once"),
        /** Once the page's prewarm says where it got: ready, over the budget, or failed. */
        ONCE_PREWARMED("click once prewarmed");

        final String label;

        Click(String label) {
            this.label = label;
        }
    }

    /** How long a prewarm may take before the visit gives up waiting and clicks. */
    private static final double PREWARM_TIMEOUT_MILLIS = 60_000;

    /** Opens {@code url} in a new page of {@code context} and runs its demo block {@code index} to the prompt. */
    static Visit run(BrowserContext context, Downloads downloads, String url, int index) {
        return run(context, downloads, url, index, Click.AT_ONCE);
    }

    /** The same, pressing Run as {@code click} says. */
    static Visit run(BrowserContext context, Downloads downloads, String url, int index, Click click) {
        downloads.clear();
        Page page = context.newPage();
        page.navigate(url);
        LiveDemo demo = new LiveDemo(page, index);
        page.waitForCondition(() -> "idle".equals(demo.state()));
        if (click == Click.ONCE_PREWARMED) {
            page.waitForFunction("f => ['ready', 'over-budget', 'failed'].includes(f.getAttribute('data-prewarm-state'))",
                    demo.figure().elementHandle(), new Page.WaitForFunctionOptions().setTimeout(PREWARM_TIMEOUT_MILLIS));
        }
        String before = demo.figure().getAttribute("data-prewarm-state");
        LiveDemo.RunTiming timing = demo.runToPrompt();
        String adopted = demo.figure().getAttribute("data-prewarmed");
        String prewarm = adopted != null ? "adopted " + adopted : "not adopted (" + before + ")";
        // Requested before the prompt showed: the second part of a split snapshot, asked for once the prompt is
        // drawn, may finish before the count is taken.
        Map<Downloads.Kind, Long> bytes = downloads.bytesRequestedBefore(timing.promptEpochMillis());
        Map<Downloads.Kind, Long> decoded = downloads.decodedBytesRequestedBefore(timing.promptEpochMillis());
        double[] stats = demo.stats(); // the stats answer also sets data-guest-timings
        Object timings = demo.figure().evaluate("f => JSON.parse(f.getAttribute('data-guest-timings') || '{}')");
        return new Visit(page, demo, timing, bytes, decoded, stats, RunPhases.of(timings, timing.millis()), prewarm);
    }

    /** What the block's prewarm had done at the click: "adopted ready", "adopted loading" or "not adopted (STATE)". */
    String prewarm() {
        return prewarm;
    }

    LiveDemo demo() {
        return demo;
    }

    double runToPromptMillis() {
        return timing.millis();
    }

    /**
     * Milliseconds from Run to the worker's first status message (libraries, worker script and module loaded):
     * the first status line after the page's own "Starting…".
     */
    double workerRunningMillis() {
        return timing.phases().entrySet().stream().filter(phase -> !phase.getKey().startsWith("Starting"))
                .mapToDouble(Map.Entry::getValue).findFirst().orElse(Double.NaN);
    }

    /** Milliseconds from Run to "Booting…": kernel, descriptor and layer indexes are in, the machine starts. */
    double bootStartedMillis() {
        return timing.phases().getOrDefault("Booting…", Double.NaN);
    }

    /** When each status line first showed, e.g. "Starting… 5, Booting… 310, Running 520 ms". */
    String phases() {
        return timing.phaseSummary();
    }

    /** The Run's moments and the worker's ledger (data-guest-timings). */
    RunPhases runPhases() {
        return phasesMillis;
    }

    Map<Downloads.Kind, Long> bytes() {
        return bytes;
    }

    /** The same bytes decoded (gzip-coded answers inflated). */
    Map<Downloads.Kind, Long> decodedBytes() {
        return decodedBytes;
    }

    long totalDecodedBytes() {
        return decodedBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    long totalBytes() {
        return bytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Guest instructions from boot to the prompt. */
    double bootInstructions() {
        return bootStats[0];
    }

    /** Host milliseconds the worker spent running the guest from boot to the prompt. */
    double bootBusyMillis() {
        return bootStats[1];
    }

    /** Guest millions of instructions per second of run slices, from boot to the prompt. */
    double bootMips() {
        return bootStats[0] / bootStats[1] / 1e3;
    }

    /** Closing the page ends its worker. */
    @Override
    public void close() {
        page.close();
    }
}
