package dev.termpress.sitetests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

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

    /** The 1, 5 and 15 minute load averages, e.g. "1.20 0.90 0.70", or "unknown". */
    static String loadAverage() {
        Path file = Path.of("/proc/loadavg");
        try {
            String[] fields = Files.readString(file).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
