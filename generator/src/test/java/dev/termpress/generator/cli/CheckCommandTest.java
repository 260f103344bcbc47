package dev.termpress.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code termpress check} boots the example busybox image for real and compares outputs. */
class CheckCommandTest {

    private static final Path BUSYBOX = Path.of("..", "content-examples", "images", "busybox").toAbsolutePath().normalize();
    private static final Path EXAMPLES = Path.of("..", "content-examples");

    @TempDir
    Path site;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

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

        int status = run("check", site.toString());

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

        int status = run("check", site.toString());

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
    void theExampleSitePasses() {
        int status = run("check", EXAMPLES.toString());

        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("all outputs match");
        assertThat(status).isZero();
    }

    private void writeSite(String page) throws IOException {
        Files.writeString(site.resolve("termpress.yaml"), "title: Check fixture\nimages:\n  busybox: " + BUSYBOX + "\n");
        Files.createDirectories(site.resolve("content"));
        Files.writeString(site.resolve("content/index.md"), page);
    }

    private int run(String... args) {
        CommandLine cli = TermpressCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
