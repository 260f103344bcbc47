package dev.termpress.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code check}'s browser options, up to the point where a browser would start. */
class CheckOptionsTest {

    @TempDir
    Path site;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CheckCommand command = new CheckCommand();

    @Test
    void chromiumWithoutBrowserIsAUsageError() throws IOException {
        writeSite();

        int status = run("--chromium", "/usr/bin/chromium", site.toString());

        assertThat(status).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("--chromium is for --browser; add --browser or drop it\n");
    }

    @Test
    void aMissingChromiumIsABadInputErrorThatSaysWhatToDo() throws IOException {
        writeSite();
        Path nowhere = site.resolve("no-chromium");

        int status = run("--browser", "--chromium", nowhere.toString(), site.toString());

        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).isEqualTo("error: no Chromium for --browser: " + nowhere + " does not exist."
                + " Install Chromium (on Debian: apt-get install chromium) or name its executable with --chromium PATH"
                + " or the TERMPRESS_CHROMIUM environment variable.\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theEnvironmentNamesTheChromiumWhenTheOptionIsAbsent() throws IOException {
        writeSite();
        command.environment = Map.of("TERMPRESS_CHROMIUM", "/nowhere/chrome");

        int status = run("--browser", site.toString());

        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).startsWith("error: no Chromium for --browser: /nowhere/chrome does not exist.");
    }

    /** An executable that is no browser: Playwright's multi-line dump becomes one line that says what happened. */
    @Test
    void aChromiumThatDoesNotStartIsReportedInOneLine() throws IOException {
        writeSite();

        int status = run("--browser", "--chromium", "/bin/true", site.toString());

        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).startsWith("error: Chromium (/bin/true) did not start: ")
                .contains("the browser process ended: exitCode=0").doesNotContain("Error {").hasLineCount(1);
    }

    @Test
    void aBrokenSiteIsReportedBeforeAnyBrowserIsLookedFor() throws IOException {
        Files.writeString(site.resolve("termpress.yaml"), "title: t\n");
        Files.createDirectories(site.resolve("content"));
        Files.writeString(site.resolve("content/index.md"), "```container image=nope\n$ true\n```\n");

        int status = run("--browser", "--chromium", site.resolve("no-chromium").toString(), site.toString());

        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).startsWith("error: ").contains("index.md:1").doesNotContain("Chromium");
    }

    private void writeSite() throws IOException {
        Files.writeString(site.resolve("termpress.yaml"), "title: t\n");
        Files.createDirectories(site.resolve("content"));
        Files.writeString(site.resolve("content/index.md"), "# Home\n");
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
