package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keeps one page busy, two blocks running commands in a loop, with a Reset and a reload in every cycle, and
 * reads the page's and the workers' JavaScript heaps after each step ({@link HeapProbe}, after a forced
 * garbage collection). After a warm-up cycle, the heaps must not grow: a cycle's largest reading may exceed
 * the first measured cycle's by at most {@link #GROWTH_FRACTION} plus a fixed slack.
 *
 * <p>The default run is about a minute (two measured cycles at least). The long soak (docs/benchmarks.md):
 * {@code mvn -B -ntp -pl site-tests -am verify -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtermpress.soak.minutes=30}; each reading goes to {@code target/site-test-artifacts/soak.csv}.
 */
class SoakTest {

    private static final int FREE_PLAY = 2;
    private static final int SECOND_TERMINAL = 1;
    private static final int STEPS_PER_CYCLE = 4;
    private static final int RESET_STEP = 1;
    private static final int RELOAD_STEP = 2;
    /** The warm-up cycle and at least one more are always measured, however short the run. */
    private static final int MIN_CYCLES = 3;
    /**
     * Readings after a forced collection still vary by a few MiB: V8's code and inline caches, xterm.js's
     * scrollback filling up to its limit, the guest RAM array is fixed (128 MiB) but typed arrays the
     * worker uses for fetched spans come and go. A leak of anything per command, per Reset or per reload
     * (a machine, a worker, a terminal kept alive) is tens of MiB within a few cycles, far above this.
     */
    private static final double GROWTH_FRACTION = 0.10;
    private static final long PAGE_SLACK = 4L << 20;
    private static final long WORKER_SLACK = 8L << 20;

    @RegisterExtension
    static final LiveSite live = new LiveSite(ServedSite::features);

    /** One heap reading after a step. */
    record Sample(double seconds, int step, HeapProbe.Heap heap) {
    }

    @Test
    void aBusyPageKeepsItsMemoryFlatAfterWarmUp() throws IOException {
        double minutes = Double.parseDouble(System.getProperty("termpress.soak.minutes", "1"));
        long started = System.nanoTime();
        long deadline = started + (long) (minutes * 60e9);
        List<Sample> samples = new ArrayList<>();
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            List<LiveDemo> demos = start(page);
            try (HeapProbe probe = new HeapProbe(page, live.chromium().browser())) {
                for (int step = 0; System.nanoTime() < deadline || step < MIN_CYCLES * STEPS_PER_CYCLE; step++) {
                    for (LiveDemo demo : demos) {
                        work(demo, step);
                    }
                    if (step % STEPS_PER_CYCLE == RESET_STEP) {
                        LiveDemo first = demos.get(0);
                        first.press("reset");
                        first.waitFor(LiveDemo.PROMPT, LiveDemo.BOOT_TIMEOUT_MILLIS);
                    } else if (step % STEPS_PER_CYCLE == RELOAD_STEP) {
                        page.reload();
                        demos = start(page);
                    }
                    HeapProbe.Heap heap = probe.read();
                    samples.add(new Sample((System.nanoTime() - started) / 1e9, step, heap));
                    assertThat(heap.workers()).as("one worker per running block, none left over: %s", heap)
                            .isEqualTo(demos.size());
                }
            }
            assertThat(errors.list()).as("console errors").isEmpty();
        } finally {
            record(samples);
        }
        int cycles = samples.size() / STEPS_PER_CYCLE;
        long[] warm = cycleMax(samples, 1);
        long[] last = cycleMax(samples, cycles - 1);
        System.out.printf("soak: %.1f min, %d steps, page heap %.1f -> %.1f MiB, worker heaps %.1f -> %.1f MiB"
                + " (largest reading of the first measured cycle and of the last)%n",
                samples.get(samples.size() - 1).seconds() / 60, samples.size(),
                mib(warm[0]), mib(last[0]), mib(warm[1]), mib(last[1]));
        assertThat(last[0]).as("page heap, last cycle against the first after warm-up")
                .isLessThanOrEqualTo((long) (warm[0] * (1 + GROWTH_FRACTION)) + PAGE_SLACK);
        assertThat(last[1]).as("worker heaps, last cycle against the first after warm-up")
                .isLessThanOrEqualTo((long) (warm[1] * (1 + GROWTH_FRACTION)) + WORKER_SLACK);
    }

    /** Runs both blocks to a prompt, left to the test. */
    private static List<LiveDemo> start(Page page) {
        List<LiveDemo> demos = List.of(new LiveDemo(page, FREE_PLAY), new LiveDemo(page, SECOND_TERMINAL));
        for (LiveDemo demo : demos) {
            demo.freePlay();
            demo.press("run");
        }
        for (LiveDemo demo : demos) {
            demo.waitFor(LiveDemo.PROMPT, LiveDemo.BOOT_TIMEOUT_MILLIS);
        }
        return demos;
    }

    /** A few commands that touch the console, the file layers, the writable layer and processes. */
    private static void work(LiveDemo demo, int step) {
        assertThat(demo.command("seq 1 300 | tail -1")).contains("300");
        assertThat(demo.command("dd if=/dev/zero of=/tmp/s bs=64k count=32 2>/dev/null; wc -c </tmp/s; rm /tmp/s"))
                .contains("2097152");
        assertThat(demo.command("ls -R /etc /bin | wc -l")).containsPattern("\\d+");
        assertThat(demo.command("echo step-$((" + step + "+1))")).contains("step-" + (step + 1));
    }

    /** The largest page and worker readings of cycle {@code cycle}. */
    private static long[] cycleMax(List<Sample> samples, int cycle) {
        long page = 0;
        long worker = 0;
        for (int i = cycle * STEPS_PER_CYCLE; i < (cycle + 1) * STEPS_PER_CYCLE && i < samples.size(); i++) {
            page = Math.max(page, samples.get(i).heap().pageBytes());
            worker = Math.max(worker, samples.get(i).heap().workerBytes());
        }
        return new long[] {page, worker};
    }

    private static double mib(long bytes) {
        return bytes / (double) (1 << 20);
    }

    private static void record(List<Sample> samples) throws IOException {
        Path dir = Path.of(System.getProperty("termpress.artifacts", "target/site-test-artifacts"));
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("seconds,step,page_heap_bytes,worker_heap_bytes,workers\n");
        for (Sample sample : samples) {
            csv.append(String.format("%.1f,%d,%d,%d,%d%n", sample.seconds(), sample.step(),
                    sample.heap().pageBytes(), sample.heap().workerBytes(), sample.heap().workers()));
        }
        Files.writeString(dir.resolve("soak.csv"), csv);
    }
}
