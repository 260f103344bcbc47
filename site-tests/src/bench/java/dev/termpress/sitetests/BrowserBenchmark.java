package dev.termpress.sitetests;

import com.microsoft.playwright.BrowserContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Run to prompt and guest MIPS in Chromium (docs/benchmarks.md): builds content-examples (with the Debian draft
 * page when its image layout is there), serves it on localhost twice, by {@code termpress serve}'s server and by a
 * {@link CachingHost}, and per repetition and server opens the page in a fresh browser context (empty HTTP cache
 * and Cache API), presses Run and waits for the prompt (cold), then opens it again in the same context (warm).
 * Busybox also runs a CPU-bound shell loop. Prints every run, then the median and best.
 *
 * <p>System properties: {@code termpress.examples} (content-examples), {@code termpress.chromium},
 * {@code termpress.bench.runs} (busybox repetitions, default 5), {@code termpress.bench.debianRuns} (default 3).
 */
public final class BrowserBenchmark {

    /** Where build-debian.sh's layout is expected (termpress.yaml's debian image source). */
    private static final String DEBIAN_LAYOUT = "images/debian-trixie";
    /** content-examples' draft page whose first block runs the Debian image. */
    private static final String DEBIAN_PAGE = "debian/";
    /** About 460 M guest instructions in busybox ash: long enough to swamp typing and the echo. */
    static final int LOOP_ITERATIONS = 30_000;
    static final String LOOP = "i=0; while [ $i -lt " + LOOP_ITERATIONS + " ]; do i=$((i+1)); done; echo $i";

    private BrowserBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("termpress.bench.runs", 5);
        int debianRuns = Integer.getInteger("termpress.bench.debianRuns", 3);
        Path examples = ServedSite.examplesDir().toAbsolutePath().normalize();
        boolean debian = Files.isDirectory(examples.resolve(DEBIAN_LAYOUT));
        if (!Files.isExecutable(Chromium.executable())) {
            System.err.println("no Chromium at " + Chromium.executable()
                    + ": install Debian's chromium package or pass -Dtermpress.chromium=PATH");
            System.exit(1);
        }
        if (!debian) {
            System.out.println("Debian rows skipped: no image layout at " + examples.resolve(DEBIAN_LAYOUT)
                    + " (build it with content-examples/images/build-debian.sh)");
        }
        System.out.printf("%s UTC, load average %s%n",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), loadAverage());
        long buildStarted = System.nanoTime();
        try (ServedSite site = ServedSite.build(examples, debian); CachingHost caching = new CachingHost(site.output());
                Chromium chromium = Chromium.launch()) {
            System.out.printf("site built in %.1f s; Chromium %s (headless)%n",
                    (System.nanoTime() - buildStarted) / 1e9, chromium.browser().version());
            List<Scenario> scenarios = new ArrayList<>();
            Scenario busyboxServe = new Scenario("busybox, termpress serve");
            Scenario busyboxCaching = new Scenario("busybox, caching host");
            for (int run = 1; run <= runs; run++) {
                busyboxServe.measure(chromium, site.url(""), run, true);
                busyboxCaching.measure(chromium, caching.url(""), run, false);
            }
            scenarios.add(busyboxServe);
            scenarios.add(busyboxCaching);
            if (debian) {
                Scenario debianServe = new Scenario("debian, termpress serve");
                Scenario debianCaching = new Scenario("debian, caching host");
                for (int run = 1; run <= debianRuns; run++) {
                    debianServe.measure(chromium, site.url(DEBIAN_PAGE), run, false);
                    debianCaching.measure(chromium, caching.url(DEBIAN_PAGE), run, false);
                }
                scenarios.add(debianServe);
                scenarios.add(debianCaching);
            }
            System.out.printf("%nload average %s%n%n", loadAverage());
            for (Scenario scenario : scenarios) {
                scenario.report();
            }
            if (!debian) {
                System.out.println("debian: skipped, no image layout at " + examples.resolve(DEBIAN_LAYOUT));
            }
        }
    }

    private static String loadAverage() throws IOException {
        Path file = Path.of("/proc/loadavg");
        if (!Files.isReadable(file)) {
            return "unknown";
        }
        String[] fields = Files.readString(file).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** The repetitions of one image's page, cold and warm. */
    private static final class Scenario {
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

        Scenario(String name) {
            this.name = name;
            for (Downloads.Kind kind : Downloads.Kind.values()) {
                coldBytes.put(kind, Samples.lowerIsBetter());
                warmBytes.put(kind, Samples.lowerIsBetter());
            }
        }

        void measure(Chromium chromium, String url, int run, boolean loop) {
            // A fresh context is a reader's first visit: empty HTTP cache, empty Cache API.
            try (BrowserContext context = chromium.browser().newContext()) {
                Downloads downloads = new Downloads(context);
                try (Visit cold = Visit.run(context, downloads, url, 0)) {
                    record(cold, coldMillis, coldBytes);
                    coldWorker.add(cold.workerRunningMillis());
                    coldBoot.add(cold.bootStartedMillis());
                    System.out.printf("%s run %d, cold: Run to prompt %.0f ms (%s), %s; boot %.1f M instructions,"
                            + " %.0f MIPS%n", name, run, cold.runToPromptMillis(), cold.phases(), megabytes(cold),
                            cold.bootInstructions() / 1e6, cold.bootMips());
                    if (loop) {
                        measureLoop(cold.demo());
                    }
                }
                try (Visit warm = Visit.run(context, downloads, url, 0)) {
                    record(warm, warmMillis, warmBytes);
                    warmWorker.add(warm.workerRunningMillis());
                    warmBoot.add(warm.bootStartedMillis());
                    System.out.printf("%s run %d, warm: Run to prompt %.0f ms (%s), %s; boot %.0f MIPS%n",
                            name, run, warm.runToPromptMillis(), warm.phases(), megabytes(warm), warm.bootMips());
                }
                if (!downloads.failures().isEmpty()) {
                    System.out.println("  failed requests: " + downloads.failures());
                }
            }
        }

        private void record(Visit visit, Samples millis, Map<Downloads.Kind, Samples> bytes) {
            millis.add(visit.runToPromptMillis());
            bootMips.add(visit.bootMips());
            bootMegaInstructions.add(visit.bootInstructions() / 1e6);
            bootBusyMillis.add(visit.bootBusyMillis());
            visit.bytes().forEach((kind, count) -> bytes.get(kind).add(count));
        }

        private void measureLoop(LiveDemo demo) {
            double[] before = demo.stats();
            long started = System.nanoTime();
            String output = demo.command(LOOP);
            double wallMillis = (System.nanoTime() - started) / 1e6;
            double[] after = demo.stats();
            if (!output.contains(String.valueOf(LOOP_ITERATIONS))) {
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
            System.out.printf("%s, %d runs%n", name, coldMillis.count());
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
            System.out.printf("  %-30s %8s %8s%n", "bytes before the prompt", "cold", "warm");
            for (Downloads.Kind kind : Downloads.Kind.values()) {
                System.out.printf("    %-28s %8.0f %8.0f%n", kind.label, coldBytes.get(kind).median(),
                        warmBytes.get(kind).median());
            }
            System.out.println();
        }

        private static void row(String label, Samples samples, String format) {
            System.out.printf("  %-30s %8s %8s%n", label, String.format(format, samples.median()),
                    String.format(format, samples.best()));
        }

        private static String megabytes(Visit visit) {
            return String.format("%.2f MB fetched", visit.totalBytes() / 1e6);
        }
    }
}
