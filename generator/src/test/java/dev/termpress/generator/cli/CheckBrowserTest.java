package dev.termpress.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code termpress check --browser} in Debian's Chromium against a tiny busybox site. Skipped when
 * there is no Chromium (system property {@code termpress.chromium}, default /usr/bin/chromium), unless
 * {@code -Dtermpress.requireChromium=true} (CI), where a missing browser fails.
 */
class CheckBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("termpress.chromium", "/usr/bin/chromium"));

    @RegisterExtension
    final CheckSite fixture = new CheckSite();

    @BeforeAll
    static void needsChromium() {
        boolean present = Files.isExecutable(CHROMIUM);
        if (!present && Boolean.getBoolean("termpress.requireChromium")) {
            throw new IllegalStateException("no Chromium at " + CHROMIUM
                    + " (set -Dtermpress.chromium=PATH, or install Debian's chromium package)");
        }
        assumeTrue(present, "no Chromium at " + CHROMIUM + "; browser checks skipped");
    }

    @Test
    void blocksWhoseOutputsAreRightPass() throws IOException {
        fixture.write("index.md", "# Fixture\n\n" + CheckSite.RIGHT_BLOCK + """

                Some prose between the blocks.

                ```container image=busybox autorun
                $ echo one > /tmp/f; cat /tmp/f
                one
                $ seq 1 40 | tail -n 2
                39
                40
                $ printf '%%0150d\\n' 0 | tr 0 x
                %s
                ```
                """.formatted("x".repeat(150)));

        int status = fixture.check("--browser", "--chromium", CHROMIUM.toString(), fixture.dir().toString());

        assertThat(fixture.err()).isEmpty();
        assertThat(fixture.out()).contains("Checked 7 commands in 2 blocks (2 boots)").contains("all outputs match");
        assertThat(status).isZero();
    }

    @Test
    void aWrongExpectedOutputFailsWithFileLineExpectedAndActual() throws IOException {
        fixture.write("guide/index.md", """
                # Guide

                ```container image=busybox
                $ echo right
                right
                ```

                ```container image=busybox workdir=/tmp
                $ echo "one two" | wc -w
                3
                $ echo after
                after
                ```
                """);

        int status = fixture.check("--browser", "--chromium", CHROMIUM.toString(), fixture.dir().toString());

        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(fixture.err()).isEqualTo("""
                content/guide/index.md:9: $ echo "one two" | wc -w
                  expected:
                    | 3
                  actual:
                    | 2
                """);
        assertThat(fixture.out()).contains("Checked 3 commands in 2 blocks (2 boots): 1 mismatch,");
    }

    @Test
    void aShellThatExitsIsReportedAndTheNextBlockStillRuns() throws IOException {
        fixture.write("index.md", """
                ```container image=busybox
                $ echo bye; exit 3
                bye
                $ echo never
                never
                ```

                ```container image=busybox
                $ echo still here
                still here
                ```
                """);

        int status = fixture.check("--browser", "--chromium", CHROMIUM.toString(), fixture.dir().toString());

        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(fixture.err()).startsWith("content/index.md:2: $ echo bye; exit 3\n"
                + "  the shell exited (the machine powered off) before the next prompt\n")
                .contains("    | bye").doesNotContain("echo never").doesNotContain("still here")
                .doesNotContain("[the machine powered off]");
        assertThat(fixture.out()).contains("Checked 3 commands in 2 blocks (2 boots): 1 mismatch,");
    }

    /**
     * A block on the network runs in the browser too, where its guest gets HTTP through fetch: eth0 is up, as in
     * the JVM check.
     */
    @Test
    void aBlockOnTheNetworkRunsInTheBrowserWithEth0Up() throws IOException {
        fixture.write("index.md", "```container image=busybox network=true\n$ cat /sys/class/net/eth0/operstate\nup\n```\n");

        int status = fixture.check("--browser", "--chromium", CHROMIUM.toString(), fixture.dir().toString());

        assertThat(status).as(fixture.err()).isEqualTo(ExitCodes.OK);
        assertThat(fixture.out()).contains("all outputs match");
    }

    /** A block that cannot start is reported in the same words by both checks. */
    @Test
    void aShellThatNeverStartsIsReportedAsTheJvmCheckReportsIt() throws IOException {
        fixture.write("index.md", "```container image=busybox user=nosuchuser\n$ id -u\n0\n```\n");
        String reason = "content/index.md:1: $ id -u\n  the machine powered off before the shell's prompt; last output:\n";

        int jvm = fixture.check(fixture.dir().toString());
        String jvmReport = fixture.err();
        fixture.clearErr();
        int browser = fixture.check("--browser", "--chromium", CHROMIUM.toString(), fixture.dir().toString());

        assertThat(jvmReport).startsWith(reason).contains("termpress-init: user \"nosuchuser\" is not in /etc/passwd");
        assertThat(fixture.err()).startsWith(reason).contains("termpress-init: user \"nosuchuser\" is not in /etc/passwd");
        assertThat(jvm).isEqualTo(browser).isEqualTo(ExitCodes.BAD_INPUT);
    }

    /** A page whose runtime script does not load: reported at once with the failed request, not after the boot timeout. */
    @Test
    void aPageWhoseRuntimeDoesNotStartIsReportedWithWhatFailed() throws IOException {
        fixture.write("index.md", """
                ```container image=busybox
                $ echo hi
                hi
                ```
                """);
        String base = new String(getClass().getResourceAsStream("/dev/termpress/themes/default/templates/base.peb")
                .readAllBytes(), StandardCharsets.UTF_8);
        assertThat(base).contains("{{ runtime.script }}");
        Path override = fixture.dir().resolve("theme/templates/base.peb");
        Files.createDirectories(override.getParent());
        Files.writeString(override, base.replace("{{ runtime.script }}", "no-such-runtime.js"));

        int status = fixture.check("--browser", "--chromium", CHROMIUM.toString(), fixture.dir().toString());

        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(fixture.err()).startsWith("content/index.md:1: $ echo hi\n  the page's runtime did not start,"
                + " so Run does nothing on http://localhost:").contains("\n    GET http://localhost:").contains("no-such-runtime.js answered 404")
                .doesNotContain("no-such-runtime.js failed");
    }

    /**
     * Stopped mid-check, as Ctrl-C or a kill stops it: no browser or driver process stays behind, and
     * nothing is left in the temporary folder (the built site, Playwright's driver, Chromium's profile).
     */
    @Test
    void aCheckStoppedMidwayLeavesNoProcessAndNoTemporaryFile(@TempDir Path tmp) throws Exception {
        fixture.write("index.md", """
                ```container image=busybox
                $ sleep 600
                ```
                """);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-XX:-UsePerfData", "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path"), TermpressCommand.class.getName(),
                "check", "--browser", "--chromium", CHROMIUM.toString(), fixture.dir().toString())
                .redirectErrorStream(true).redirectOutput(fixture.dir().resolve("check.log").toFile());
        builder.environment().put("TMPDIR", tmp.toString());
        Process check = builder.start();
        try {
            awaitRendererOf(check);
            List<ProcessHandle> family = check.descendants().toList();

            check.destroy(); // SIGTERM: shutdown hooks run, as on Ctrl-C
            assertThat(check.waitFor(60, TimeUnit.SECONDS)).as("the check ends when stopped").isTrue();
            for (ProcessHandle process : family) {
                process.onExit().get(30, TimeUnit.SECONDS);
            }
        } finally {
            check.destroyForcibly();
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).as("left in the temporary folder").isEmpty();
        }
    }

    /** Waits (at most the boot timeout) until Chromium shows the page: the check is then in the middle of its work. */
    private static void awaitRendererOf(Process check) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (check.descendants().noneMatch(CheckBrowserTest::isRenderer)) {
            assertThat(check.isAlive()).as("the check still runs").isTrue();
            assertThat(System.nanoTime()).as("Chromium rendered a page").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Chromium rewrites its helpers' command lines, which ProcessHandle.Info then misreads; /proc has them as shown. */
    private static boolean isRenderer(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).contains("--type=renderer");
        } catch (IOException e) {
            return false; // it has ended
        }
    }
}
