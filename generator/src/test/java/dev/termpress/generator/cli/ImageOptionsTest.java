package dev.termpress.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code --offline} and {@code --update-images} on every verb that pulls a site's registry images. The
 * site names an image on a port nothing listens on and has no lock file, so only an offline pull can
 * fail with "does not pin" (a pull that went to the network would fail to connect instead).
 */
class ImageOptionsTest {

    @TempDir
    Path site;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeSite() throws Exception {
        Files.writeString(site.resolve("termpress.yaml"), "images:\n  box: 127.0.0.1:1/nothing/here:1\n");
        Files.createDirectories(site.resolve("content"));
        Files.writeString(site.resolve("content/index.md"), "# Hi\n\n```container image=box\n$ true\n```\n");
    }

    private int run(String... args) {
        CommandLine cli = TermpressCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static final String NOT_PINNED = "termpress.yaml:2: image \"box\": offline, and termpress.lock does not pin"
            + " 127.0.0.1:1/nothing/here:1 (linux/riscv64); build once without --offline to resolve it";

    @ParameterizedTest
    @ValueSource(strings = {"build", "check"})
    void offlineNeverAsksTheRegistry(String verb) {
        assertThat(run(verb, site.toString(), "--offline")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains(NOT_PINNED);
    }

    @Test
    void withoutOfflineTheRegistryIsAsked() {
        assertThat(run("build", site.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("image \"box\": 127.0.0.1:1/nothing/here:1: cannot reach 127.0.0.1:1");
    }

    @Test
    void runOfflineNeverAsksTheRegistry() {
        assertThat(run("run", "box", "--site", site.toString(), "--offline")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains(NOT_PINNED);
    }

    @Test
    void runRefusesTheOptionsForAnImageFile() throws Exception {
        Path layout = Files.createDirectories(site.resolve("layout"));
        assertThat(run("run", layout.toString(), "--offline")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--offline and --update-images are for registry images named in a site's"
                + " termpress.yaml; " + layout + " is a file");
    }

    @Test
    void serveOfflineReportsTheFailedBuildAndKeepsServing() throws Exception {
        Thread serve = new Thread(() -> run("serve", site.toString(), "--port", "0", "--offline", "--no-reload"));
        serve.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!out.toString().contains("Serving ") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(out.toString()).contains("Serving ");
            assertThat(err.toString()).contains(NOT_PINNED);
        } finally {
            serve.interrupt();
            serve.join(10_000);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"build", "check", "serve", "run"})
    void updateImagesAndOfflineAreExclusiveEverywhere(String verb) {
        String[] args = verb.equals("run")
                ? new String[] {verb, "box", "--site", site.toString(), "--update-images", "--offline"}
                : new String[] {verb, site.toString(), "--update-images", "--offline"};
        assertThat(run(args)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--update-images asks registries what the tags mean now; it cannot be --offline");
    }

    @ParameterizedTest
    @ValueSource(strings = {"build", "check", "serve", "run"})
    void helpListsBothOptions(String verb) {
        assertThat(run(verb, "--help")).isZero();
        assertThat(out.toString()).contains("--offline").contains("--update-images");
    }
}
