package dev.termpress.sitetests;

import com.microsoft.playwright.BrowserContext;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The repetitions of one image's page from one server, each a cold and a warm visit: collects the samples and
 * prints each run and the summary (median and best).
 */
final class Scenario {

    private final String name;
    private final Samples coldMillis = Samples.lowerIsBetter();
    private final Samples warmMillis = Samples.lowerIsBetter();
    private final Samples coldWorker = Samples.lowerIsBetter();
    private final Samples warmWorker = Samples.lowerIsBetter();
    private final Samples coldBoot = Samples.lowerIsBetter();
    private final Samples warmBoot = Samples.lowerIsBetter();
    private final Samples bootMips = Samples.higherIsBetter();
    private final Samples bootMegaInstructions = Samples.lowerIsBetter();
    private final Samples bootBusyMillis = Samples.lowerIsBetter();
    private final Samples loopSliceMips = Samples.higherIsBetter();
    private final Samples loopWallMips = Samples.higherIsBetter();
    private final Map<Downloads.Kind, Samples> coldBytes = new EnumMap<>(Downloads.Kind.class);
    private final Map<Downloads.Kind, Samples> warmBytes = new EnumMap<>(Downloads.Kind.class);
    private final Map<Downloads.Kind, Samples> coldDecoded = new EnumMap<>(Downloads.Kind.class);
    private final Map<Downloads.Kind, Samples> warmDecoded = new EnumMap<>(Downloads.Kind.class);
    private final Samples coldTotal = Samples.lowerIsBetter();
    private final Samples coldDecodedTotal = Samples.lowerIsBetter();
    private final Samples warmTotal = Samples.lowerIsBetter();
    private final Samples warmDecodedTotal = Samples.lowerIsBetter();
    private final PhaseTable coldPhases = new PhaseTable();
    private final PhaseTable warmPhases = new PhaseTable();

    private final Set<String> snapshotBlobs;
    private final Set<String> coldBlobs;
    private final Visit.Click click;
    private final Map<String, Integer> prewarmStates = new java.util.TreeMap<>();

    /**
     * @param snapshotBlobs the hex names of boot snapshot blobs, counted apart from layer blobs
     * @param coldBlobs the same for the snapshots' second parts
     */
    Scenario(String name, Set<String> snapshotBlobs, Set<String> coldBlobs) {
        this(name, snapshotBlobs, coldBlobs, Visit.Click.AT_ONCE);
    }

    /** The same, pressing Run as {@code click} says (its label ends the name). */
    Scenario(String name, Set<String> snapshotBlobs, Set<String> coldBlobs, Visit.Click click) {
        this.name = name + ", " + click.label;
        this.snapshotBlobs = snapshotBlobs;
        this.coldBlobs = coldBlobs;
        this.click = click;
        for (Downloads.Kind kind : Downloads.Kind.values()) {
            coldBytes.put(kind, Samples.lowerIsBetter());
            warmBytes.put(kind, Samples.lowerIsBetter());
            coldDecoded.put(kind, Samples.lowerIsBetter());
            warmDecoded.put(kind, Samples.lowerIsBetter());
        }
    }

    void measure(Chromium chromium, String url, int run, boolean loop) {
        // A fresh context is a reader's first visit: empty HTTP cache, empty Cache API.
        try (BrowserContext context = chromium.browser().newContext()) {
            Downloads downloads = new Downloads(context, snapshotBlobs, coldBlobs);
            try (Visit cold = Visit.run(context, downloads, url, 0, click)) {
                record(cold, coldMillis, coldBytes, coldDecoded);
                coldTotal.add(cold.totalBytes());
                coldDecodedTotal.add(cold.totalDecodedBytes());
                coldPhases.add(cold.runPhases());
                coldWorker.add(cold.workerRunningMillis());
                coldBoot.add(cold.bootStartedMillis());
                System.out.printf("%s run %d, cold: Run to prompt %.0f ms (%s), %s; prewarm %s; boot %.1f M instructions,"
                        + " %.0f MIPS%n", name, run, cold.runToPromptMillis(), cold.phases(), megabytes(cold), cold.prewarm(),
                        cold.bootInstructions() / 1e6, cold.bootMips());
                System.out.printf("  cold phases (ms after the click; load %s): %s%n", BrowserBenchmark.loadAverage(),
                        cold.runPhases().summary());
                if (loop) {
                    measureLoop(cold.demo());
                }
            }
            try (Visit warm = Visit.run(context, downloads, url, 0, click)) {
                record(warm, warmMillis, warmBytes, warmDecoded);
                warmTotal.add(warm.totalBytes());
                warmDecodedTotal.add(warm.totalDecodedBytes());
                warmPhases.add(warm.runPhases());
                warmWorker.add(warm.workerRunningMillis());
                warmBoot.add(warm.bootStartedMillis());
                System.out.printf("%s run %d, warm: Run to prompt %.0f ms (%s), %s; prewarm %s; boot %.0f MIPS%n",
                        name, run, warm.runToPromptMillis(), warm.phases(), megabytes(warm), warm.prewarm(),
                        warm.bootMips());
                System.out.printf("  warm phases (ms after the click; load %s): %s%n", BrowserBenchmark.loadAverage(),
                        warm.runPhases().summary());
            }
            if (!downloads.failures().isEmpty()) {
                System.out.println("  failed requests: " + downloads.failures());
            }
        }
    }

    private void record(Visit visit, Samples millis, Map<Downloads.Kind, Samples> bytes,
            Map<Downloads.Kind, Samples> decoded) {
        visit.decodedBytes().forEach((kind, count) -> decoded.get(kind).add(count));
        millis.add(visit.runToPromptMillis());
        prewarmStates.merge(visit.prewarm(), 1, Integer::sum);
        bootMips.add(visit.bootMips());
        bootMegaInstructions.add(visit.bootInstructions() / 1e6);
        bootBusyMillis.add(visit.bootBusyMillis());
        visit.bytes().forEach((kind, count) -> bytes.get(kind).add(count));
    }

    private void measureLoop(LiveDemo demo) {
        double[] before = demo.stats();
        long started = System.nanoTime();
        String output = demo.command(BrowserBenchmark.LOOP);
        double wallMillis = (System.nanoTime() - started) / 1e6;
        double[] after = demo.stats();
        if (!output.contains(String.valueOf(BrowserBenchmark.LOOP_ITERATIONS))) {
            throw new AssertionError("the shell loop printed " + output);
        }
        double instructions = after[0] - before[0];
        double sliceMips = instructions / (after[1] - before[1]) / 1e3;
        double wallMips = instructions / wallMillis / 1e3;
        loopSliceMips.add(sliceMips);
        loopWallMips.add(wallMips);
        System.out.printf("%s shell loop: %.0f M instructions, %.0f MIPS in slices, %.0f MIPS wall clock%n",
                name, instructions / 1e6, sliceMips, wallMips);
    }

    void report() {
        System.out.printf("%s, %d run(s); prewarm at the click: %s%n", name, coldMillis.count(), prewarmStates);
        System.out.printf("  %-30s %8s %8s%n", "", "median", "best");
        row("Run to prompt, cold (ms)", coldMillis, "%.0f");
        row("Run to prompt, warm (ms)", warmMillis, "%.0f");
        row("  cold: worker running at (ms)", coldWorker, "%.0f");
        row("  cold: boot started at (ms)", coldBoot, "%.0f");
        row("  warm: worker running at (ms)", warmWorker, "%.0f");
        row("  warm: boot started at (ms)", warmBoot, "%.0f");
        row("boot, M guest instructions", bootMegaInstructions, "%.1f");
        row("boot, ms in run slices", bootBusyMillis, "%.0f");
        row("boot MIPS (in slices)", bootMips, "%.0f");
        if (loopSliceMips.count() > 0) {
            row("shell loop MIPS (in slices)", loopSliceMips, "%.0f");
            row("shell loop MIPS (wall clock)", loopWallMips, "%.0f");
        }
        PhaseTable.print(coldPhases, warmPhases);
        System.out.printf("  %-30s %9s %9s %9s %9s%n", "bytes before the prompt", "cold wire", "decoded",
                "warm wire", "decoded");
        for (Downloads.Kind kind : Downloads.Kind.values()) {
            System.out.printf("    %-28s %9.0f %9.0f %9.0f %9.0f%n", kind.label, coldBytes.get(kind).median(),
                    coldDecoded.get(kind).median(), warmBytes.get(kind).median(), warmDecoded.get(kind).median());
        }
        System.out.printf("    %-28s %9.0f %9.0f %9.0f %9.0f%n", "total (median of the sums)", coldTotal.median(),
                coldDecodedTotal.median(), warmTotal.median(), warmDecodedTotal.median());
        System.out.println();
    }

    private static void row(String label, Samples samples, String format) {
        System.out.printf("  %-30s %8s %8s%n", label, String.format(format, samples.median()),
                String.format(format, samples.best()));
    }

    private static String megabytes(Visit visit) {
        return String.format("%.2f MB fetched (%.2f MB decoded)", visit.totalBytes() / 1e6,
                visit.totalDecodedBytes() / 1e6);
    }
}
