package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The WebAssembly translator in the worker (runtime-web {@code jit.WasmTranslation}): off unless the
 * page asks; with {@code ?termpress-translate=lockstep} every unit run is checked against the
 * interpreter over a busybox boot to the prompt and a shell loop (a difference stops the machine with
 * an error, so the commands below would not answer); with {@code on} the same commands run translated.
 */
class TranslatorInBrowserTest {

    private static final Path BUSYBOX = ServedSite.examplesDir().resolve("images/busybox").toAbsolutePath().normalize();
    /** The shell loop of {@code n} iterations (about 15,000 guest instructions each). */
    private static String loop(int n) {
        return "i=0; while [ $i -lt " + n + " ]; do i=$((i+1)); done; echo loop $i";
    }

    @RegisterExtension
    static final LiveSite live = new LiveSite(TranslatorInBrowserTest::openSite);

    private static ServedSite openSite() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("termpress.yaml", "title: Translator\nprewarm: false\nimages:\n  busybox: " + BUSYBOX + "\n");
        files.put("content/index.md", "# Translator\n\n```container image=busybox autorun=false\n$ echo hi\n```\n");
        return ServedSite.build(files);
    }

    @Test
    void offByDefault() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            demo.runToPrompt();
            assertThat(demo.command("echo $((6*7))")).contains("42");
            assertThat(page.workers()).hasSize(1);
            assertThat(page.workers().get(0).evaluate("() => typeof self.termpressTranslator")).isEqualTo("undefined");
        }
    }

    @Test
    void lockstepFindsNoDifferenceOverTheBootAndAShellLoop() {
        // Lockstep replays every unit run on the interpreter with a journal of its writes: a short loop.
        Map<String, Long> counters = run("lockstep", 200);
        assertThat(counters.get("compiled")).isPositive();
        assertThat(counters.get("lockstepChecked")).as("unit runs compared with the interpreter").isPositive();
    }

    @Test
    void translatedTheShellGivesTheInterpretersAnswers() {
        Map<String, Long> counters = run("on", 3000);
        assertThat(counters.get("compiled")).isPositive();
        assertThat(counters.get("translated")).as("guest instructions run by units").isGreaterThan(100_000);
        assertThat(counters.get("lockstepChecked")).isZero();
    }

    /** A CPU-bound C program in the guest: busybox awk's interpreter loop (about 1,000 instructions an iteration). */
    private static String compute(int n) {
        return "awk 'BEGIN{for(i=0;i<" + n + ";i++)s+=i*i%7;print \"sum\",s}'"; // one terminal row
    }

    /**
     * The interpreter beside the translator in one run (docs/benchmarks.md): per repetition, each mode in
     * a fresh context boots to the prompt (timed from the click), then runs the shell loop of {@code
     * -Dtermpress.bench.translator=ITERATIONS} and the awk computation of {@code
     * -Dtermpress.bench.compute=ITERATIONS} (default 200,000), each timed from Enter to the next prompt,
     * with the guest instructions the worker counted. Prints every run, then the medians.
     */
    @Test
    void shellLoopTimings() throws Exception {
        String iterations = System.getProperty("termpress.bench.translator");
        org.junit.jupiter.api.Assumptions.assumeTrue(iterations != null, "a benchmark: -Dtermpress.bench.translator=N");
        int n = Integer.parseInt(iterations);
        int c = Integer.getInteger("termpress.bench.compute", 200_000);
        int runs = Integer.getInteger("termpress.bench.runs", 5);
        String[] modes = System.getProperty("termpress.bench.modes", "off;on").split(";");
        Map<String, java.util.List<double[]>> results = new LinkedHashMap<>();
        for (int r = 1; r <= runs; r++) {
            for (String mode : modes) {
                double[] figures = timeOneRun(mode, n, c);
                results.computeIfAbsent(mode, k -> new java.util.ArrayList<>()).add(figures);
                System.out.printf("run %d translator=%s: boot %.2f s, loop %d %.2f s (%.0f MIPS), compute %.2f s"
                        + " (%.0f MIPS), load %s%n", r, mode, figures[0], n, figures[1], figures[2], figures[3],
                        figures[4], java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
            }
        }
        String[] names = {"run to prompt s", "shell loop s", "shell loop MIPS", "compute s", "compute MIPS"};
        for (var e : results.entrySet()) {
            StringBuilder line = new StringBuilder("median translator=" + e.getKey() + ":");
            for (int i = 0; i < names.length; i++) {
                final int at = i;
                double[] sorted = e.getValue().stream().mapToDouble(f -> f[at]).sorted().toArray();
                line.append(String.format(" %s %.2f;", names[i], sorted[sorted.length / 2]));
            }
            System.out.println(line);
        }
    }

    /**
     * {boot s, loop s, loop MIPS, compute s, compute MIPS} for one fresh page in {@code mode}: off, on,
     * or on:COLD,HOT,CHUNK,MINRUN (the worker's thresholds replaced, to find them by measurement).
     */
    private double[] timeOneRun(String mode, int n, int c) {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            String[] parts = mode.split(":", 2);
            page.navigate(live.site().url("") + "?termpress-translate=" + parts[0]
                    + (parts.length > 1 ? "&termpress-translate-thresholds=" + parts[1] : ""));
            LiveDemo demo = new LiveDemo(page, 0);
            long boot = System.nanoTime();
            demo.runToPrompt();
            double bootSeconds = (System.nanoTime() - boot) / 1e9;
            double[] before = demo.stats();
            long start = System.nanoTime();
            assertThat(demo.command(loop(n), 600_000)).contains("loop " + n);
            double loopSeconds = (System.nanoTime() - start) / 1e9;
            double[] middle = demo.stats();
            start = System.nanoTime();
            assertThat(demo.command(compute(c), 600_000)).contains("sum ");
            double computeSeconds = (System.nanoTime() - start) / 1e9;
            double[] after = demo.stats();
            if (!"off".equals(mode)) {
                System.out.println("  counters: " + page.workers().get(0).evaluate("() => self.termpressTranslator()"));
            }
            return new double[] {bootSeconds, loopSeconds, (middle[0] - before[0]) / loopSeconds / 1e6,
                computeSeconds, (after[0] - middle[0]) / computeSeconds / 1e6};
        }
    }

    private static Map<String, Long> run(String mode, int iterations) {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            page.navigate(live.site().url("") + "?termpress-translate=" + mode);
            LiveDemo demo = new LiveDemo(page, 0);
            demo.runToPrompt();
            assertThat(demo.command("echo $((6*7))")).contains("42");
            assertThat(demo.command(loop(iterations))).contains("loop " + iterations);
            assertThat(page.workers()).hasSize(1);
            String text = (String) page.workers().get(0).evaluate("() => self.termpressTranslator()");
            Map<String, Long> counters = new LinkedHashMap<>();
            Matcher m = Pattern.compile("(\\w+)=(\\d+)").matcher(text);
            while (m.find()) {
                counters.put(m.group(1), Long.parseLong(m.group(2)));
            }
            assertThat(counters).as(text).containsKeys("compiled", "translated", "lockstepChecked");
            return counters;
        }
    }
}
