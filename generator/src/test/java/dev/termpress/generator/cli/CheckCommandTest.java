package dev.termpress.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code termpress check} boots the example busybox image for real and compares outputs. */
class CheckCommandTest {

    private static final Path EXAMPLES = Path.of("..", "content-examples");

    @TempDir
    Path site;

    private CheckSite fixture;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void fixture() {
        fixture = new CheckSite(site);
        out = fixture.out;
        err = fixture.err;
    }

    @Test
    void aSiteWhoseOutputsAreRightPasses() throws IOException {
        writeSite("""
                # Fixture

                ```container image=busybox workdir=/tmp env=WHO=tester
                $ echo "hi $WHO"; pwd
                hi tester
                /tmp
                $ printf 'b\\na\\nb\\n' | sort | uniq -c
                1 a
                2 b
                $ false
                $ uname -a
                Linux ... riscv64 ...
                ```

                ```container image=busybox
                $ id -u
                0
                $ ls /bin/busybox /
                ...
                ```
                """);

        int status = fixture.check(site.toString());

        assertThat(err.toString()).isEmpty();
        assertThat(status).isZero();
        assertThat(out.toString()).contains("Checked 6 commands in 2 blocks").contains("all outputs match");
    }

    @Test
    void aWrongExpectedOutputFailsWithFileLineExpectedAndActual() throws IOException {
        writeSite("""
                # Fixture

                ```container image=busybox workdir=/tmp
                $ echo right
                right
                $ echo "one two" | wc -w
                3
                $ echo after
                after
                ```
                """);

        int status = fixture.check(site.toString());

        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).isEqualTo("""
                content/index.md:6: $ echo "one two" | wc -w
                  expected:
                    | 3
                  actual:
                    | 2
                """);
        assertThat(out.toString()).contains("Checked 3 commands in 1 block").contains("1 mismatch,");
    }

    @Test
    void aCommandThatEndsTheShellIsReportedAndTheBlockStops() throws IOException {
        writeSite("""
                ```container image=busybox
                $ echo bye; exit 3
                bye
                $ echo never
                never
                ```
                """);

        int status = fixture.check(site.toString());

        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).startsWith("content/index.md:2: $ echo bye; exit 3\n"
                + "  the shell exited (the machine powered off) before the next prompt\n")
                .contains("    | bye").doesNotContain("echo never");
    }

    @Test
    void aShellThatNeverStartsIsReportedWithTheGuestsLastWordsNotTheBootLog() throws IOException {
        writeSite("```container image=busybox user=nosuchuser\n$ id -u\n0\n```\n");

        int status = fixture.check(site.toString());

        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).startsWith("content/index.md:1: $ id -u\n"
                + "  the machine powered off before the shell's prompt; last output:\n")
                .contains("termpress-init: user \"nosuchuser\" is not in /etc/passwd").doesNotContain("Linux version");
    }

    @Test
    void aMissingImageIsReportedPerBlockWithoutACrash() throws IOException {
        writeSite("```container image=busybox\n$ true\n```\n");
        Files.writeString(site.resolve("termpress.yaml"), "title: t\nimages:\n  busybox: nowhere\n");

        int status = fixture.check(site.toString());

        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).startsWith("content/index.md:1: $ true\n  cannot boot image \"busybox\": ")
                .contains("nowhere: no such file or directory");
    }

    @Test
    void theExampleSitePasses() {
        int status = fixture.check(EXAMPLES.toString());

        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("all outputs match");
        assertThat(status).isZero();
    }

    /** The draft Debian page, when its layout is built (build-debian.sh content-examples/images/debian-trixie). */
    @Test
    void theExampleSiteWithItsDebianDraftPasses() {
        assumeTrue(Files.isRegularFile(EXAMPLES.resolve("images/debian-trixie/index.json")),
                "content-examples/images/debian-trixie is not built; see content-examples/termpress.yaml");

        int status = fixture.check("--drafts", EXAMPLES.toString());

        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("Checked 58 commands in 16 blocks").contains("all outputs match");
        assertThat(status).isZero();
    }

    private void writeSite(String page) throws IOException {
        fixture.write("index.md", page);
    }
}
