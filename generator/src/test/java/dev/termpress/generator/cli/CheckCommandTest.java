package dev.termpress.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code termpress check} boots the example busybox image for real and compares outputs. */
class CheckCommandTest {

    private static final Path EXAMPLES = Path.of("..", "content-examples");

    @RegisterExtension
    final CheckSite fixture = new CheckSite();

    @Test
    void aSiteWhoseOutputsAreRightPasses() throws IOException {
        fixture.write("index.md", "# Fixture\n\n" + CheckSite.RIGHT_BLOCK + """

                ```container image=busybox
                $ id -u
                0
                $ ls /bin/busybox /
                ...
                ```
                """);

        int status = fixture.check(fixture.dir().toString());

        assertThat(fixture.err()).isEmpty();
        assertThat(status).isZero();
        assertThat(fixture.out()).contains("Checked 6 commands in 2 blocks").contains("all outputs match");
    }

    @Test
    void aWrongExpectedOutputFailsWithFileLineExpectedAndActual() throws IOException {
        fixture.write("index.md", """
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

        int status = fixture.check(fixture.dir().toString());

        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(fixture.err()).isEqualTo("""
                content/index.md:6: $ echo "one two" | wc -w
                  expected:
                    | 3
                  actual:
                    | 2
                """);
        assertThat(fixture.out()).contains("Checked 3 commands in 1 block").contains("1 mismatch,");
    }

    @Test
    void aCommandThatEndsTheShellIsReportedAndTheBlockStops() throws IOException {
        fixture.write("index.md", """
                ```container image=busybox
                $ echo bye; exit 3
                bye
                $ echo never
                never
                ```
                """);

        int status = fixture.check(fixture.dir().toString());

        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(fixture.err()).startsWith("content/index.md:2: $ echo bye; exit 3\n"
                + "  the shell exited (the machine powered off) before the next prompt\n")
                .contains("    | bye").doesNotContain("echo never");
    }

    @Test
    void aShellThatNeverStartsIsReportedWithTheGuestsLastWordsNotTheBootLog() throws IOException {
        fixture.write("index.md", "```container image=busybox user=nosuchuser\n$ id -u\n0\n```\n");

        int status = fixture.check(fixture.dir().toString());

        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(fixture.err()).startsWith("content/index.md:1: $ id -u\n"
                + "  the machine powered off before the shell's prompt; last output:\n")
                .contains("termpress-init: user \"nosuchuser\" is not in /etc/passwd").doesNotContain("Linux version");
    }

    @Test
    void aMissingImageIsReportedPerBlockWithoutACrash() throws IOException {
        fixture.write("index.md", "```container image=busybox\n$ true\n```\n");
        Files.writeString(fixture.dir().resolve("termpress.yaml"), "title: t\nimages:\n  busybox: nowhere\n");

        int status = fixture.check(fixture.dir().toString());

        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(fixture.err()).startsWith("content/index.md:1: $ true\n  cannot boot image \"busybox\": ")
                .contains("nowhere: no such file or directory");
    }

    @Test
    void theExampleSitePasses() {
        int status = fixture.check(EXAMPLES.toString());

        assertThat(fixture.err()).isEmpty();
        assertThat(fixture.out()).contains("all outputs match");
        assertThat(status).isZero();
    }

    /** The draft Debian page, when its layout is built (build-debian.sh content-examples/images/debian-trixie). */
    @Test
    void theExampleSiteWithItsDebianDraftPasses() {
        assumeTrue(Files.isRegularFile(EXAMPLES.resolve("images/debian-trixie/index.json")),
                "content-examples/images/debian-trixie is not built; see content-examples/termpress.yaml");

        int status = fixture.check("--drafts", EXAMPLES.toString());

        assertThat(fixture.err()).isEmpty();
        assertThat(fixture.out()).contains("Checked 74 commands in 21 blocks").contains("all outputs match");
        assertThat(status).isZero();
    }
}
