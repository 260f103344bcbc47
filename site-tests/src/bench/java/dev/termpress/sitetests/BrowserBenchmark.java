package dev.termpress.sitetests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Run to prompt and guest MIPS in Chromium (docs/benchmarks.md): builds content-examples (with the Debian draft
 * page when its image layout is there) twice, as it is (boot snapshots) and with {@code snapshot: false} (the
 * cold-boot baseline, {@link BaselineSite}), serves each on localhost twice, by {@code termpress serve}'s server and by a
 * {@link CachingHost}, and per repetition and server opens the page in a fresh browser context (empty HTTP cache
 * and Cache API), presses Run and waits for the prompt (cold), then opens it again in the same context (warm).
 * Busybox also runs a CPU-bound shell loop. Each scenario presses Run at once after the page loads (its
 * block's prewarm has barely begun) or, for the "click once prewarmed" ones, once the prewarm is ready (or over
 * its budget). Prints every run, then the median and best.
 *
 * <p>System properties: {@code termpress.examples} (content-examples), {@code termpress.chromium},
 * {@code termpress.chromium.jsFlags} (V8 flags, e.g. {@code --no-liftoff}, to tell V8's tier-up from the
 * emulator's own warm-up),
 * {@code termpress.bench.runs} (busybox repetitions, default 5), {@code termpress.bench.debianRuns} (default 5). The variants are visited in turn within each repetition.
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
        try (ServedSite site = ServedSite.build(examples, debian); ServedSite baseline = BaselineSite.build(examples, debian);
                CachingHost caching = new CachingHost(site.output());
                CachingHost baselineCaching = new CachingHost(baseline.output());
                Chromium chromium = Chromium.launch()) {
            System.out.println("V8 flags: " + System.getProperty("termpress.chromium.jsFlags", "(none)"));
            System.out.printf("sites built in %.1f s (with boot snapshots, and the snapshot: false baseline);"
                    + " Chromium %s (headless)%n", (System.nanoTime() - buildStarted) / 1e9, chromium.browser().version());
            Set<String> snapshots = snapshotBlobs(site.output());
            System.out.println("boot snapshot blobs: " + snapshotSizes(site.output()) + ", second parts: "
                    + coldBlobs(site.output()));
            Set<String> coldParts = coldBlobs(site.output());
            List<Scenario> scenarios = new ArrayList<>();
            // Interleaved: each repetition visits every variant, so load changes hit them alike.
            Scenario busyboxServe = new Scenario("busybox, snapshot, termpress serve", snapshots, coldParts);
            Scenario busyboxCaching = new Scenario("busybox, snapshot, caching host", snapshots, coldParts);
            Scenario busyboxColdServe = new Scenario("busybox, cold boot (snapshot: false), termpress serve", snapshots, coldParts);
            Scenario busyboxColdCaching = new Scenario("busybox, cold boot (snapshot: false), caching host", snapshots, coldParts);
            Scenario busyboxPrewarmed = new Scenario("busybox, snapshot, termpress serve", snapshots, coldParts, Visit.Click.ONCE_PREWARMED);
            Scenario busyboxColdPrewarmed = new Scenario("busybox, cold boot (snapshot: false), termpress serve",
                    snapshots, coldParts, Visit.Click.ONCE_PREWARMED);
            for (int run = 1; run <= runs; run++) {
                busyboxPrewarmed.measure(chromium, site.url(""), run, false);
                busyboxColdPrewarmed.measure(chromium, baseline.url(""), run, false);
                busyboxServe.measure(chromium, site.url(""), run, run == 1);
                busyboxColdServe.measure(chromium, baseline.url(""), run, false);
                busyboxCaching.measure(chromium, caching.url(""), run, false);
                busyboxColdCaching.measure(chromium, baselineCaching.url(""), run, false);
            }
            scenarios.addAll(List.of(busyboxPrewarmed, busyboxColdPrewarmed, busyboxServe, busyboxColdServe,
                    busyboxCaching, busyboxColdCaching));
            if (debian) {
                Scenario debianServe = new Scenario("debian, snapshot, termpress serve", snapshots, coldParts);
                Scenario debianColdServe = new Scenario("debian, cold boot (snapshot: false), termpress serve", snapshots, coldParts);
                Scenario debianCaching = new Scenario("debian, snapshot, caching host", snapshots, coldParts);
                Scenario debianColdCaching = new Scenario("debian, cold boot (snapshot: false), caching host", snapshots, coldParts);
                Scenario debianPrewarmed = new Scenario("debian, snapshot, termpress serve", snapshots, coldParts, Visit.Click.ONCE_PREWARMED);
                for (int run = 1; run <= debianRuns; run++) {
                    debianPrewarmed.measure(chromium, site.url(DEBIAN_PAGE), run, false);
                    debianServe.measure(chromium, site.url(DEBIAN_PAGE), run, false);
                    debianColdServe.measure(chromium, baseline.url(DEBIAN_PAGE), run, false);
                    debianCaching.measure(chromium, caching.url(DEBIAN_PAGE), run, false);
                    debianColdCaching.measure(chromium, baselineCaching.url(DEBIAN_PAGE), run, false);
                }
                scenarios.addAll(List.of(debianPrewarmed, debianServe, debianColdServe, debianCaching, debianColdCaching));
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

    /** The hex names of the boot snapshot blobs the site's descriptors name. */
    static Set<String> snapshotBlobs(Path output) throws IOException {
        Set<String> names = new TreeSet<>();
        snapshotSizes(output).keySet().forEach(names::add);
        return names;
    }

    /** The hex names of the boot snapshots' second parts ({@code snapshot.cold}) the site's descriptors name. */
    static Set<String> coldBlobs(Path output) throws IOException {
        Set<String> names = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> descriptors = Files.list(output.resolve("images"))) {
            for (Path descriptor : (Iterable<Path>) descriptors::iterator) {
                if (descriptor.getFileName().toString().endsWith(".json")) {
                    JsonNode cold = json.readTree(descriptor.toFile()).path("snapshot").path("cold");
                    if (cold.isObject()) {
                        names.add(cold.path("digest").asText().substring("sha256:".length()));
                    }
                }
            }
        }
        return names;
    }

    /** Boot snapshot blob (hex) to its size in bytes, from every descriptor of the site. */
    private static Map<String, Long> snapshotSizes(Path output) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> descriptors = Files.list(output.resolve("images"))) {
            for (Path descriptor : (Iterable<Path>) descriptors::iterator) {
                if (descriptor.getFileName().toString().endsWith(".json")) {
                    JsonNode snapshot = json.readTree(descriptor.toFile()).path("snapshot");
                    if (snapshot.isObject()) {
                        sizes.put(snapshot.path("digest").asText().substring("sha256:".length()),
                                snapshot.path("size").asLong());
                    }
                }
            }
        }
        return sizes;
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
