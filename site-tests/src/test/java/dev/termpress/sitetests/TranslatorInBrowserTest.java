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

    /**
     * The shell loop timed in the same run with the interpreter and the translator (medians of 5, wall
     * time of the command from Enter to the next prompt): {@code -Dtermpress.bench.translator=ITERATIONS}.
     */
    @Test
    void shellLoopTimings() throws Exception {
        String iterations = System.getProperty("termpress.bench.translator");
        org.junit.jupiter.api.Assumptions.assumeTrue(iterations != null, "a benchmark: -Dtermpress.bench.translator=N");
        int n = Integer.parseInt(iterations);
        for (String mode : new String[] {"off", "on"}) {
            try (BrowserContext context = live.chromium().browser().newContext()) {
                Page page = context.newPage();
                page.navigate(live.site().url("") + "?termpress-translate=" + mode);
                LiveDemo demo = new LiveDemo(page, 0);
                long boot = System.nanoTime();
                demo.runToPrompt();
                double bootSeconds = (System.nanoTime() - boot) / 1e9;
                java.util.List<Double> seconds = new java.util.ArrayList<>();
                for (int r = 0; r < 5; r++) {
                    long start = System.nanoTime();
                    assertThat(demo.command(loop(n))).contains("loop " + n);
                    seconds.add((System.nanoTime() - start) / 1e9);
                }
                java.util.List<Double> sorted = seconds.stream().sorted().toList();
                System.out.printf("translator=%s loop %d: median %.2f s (runs %s), run to prompt %.2f s, load %s%n",
                        mode, n, sorted.get(2), seconds, bootSeconds,
                        java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
            }
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
