package dev.termpress.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = TermpressCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void initScaffoldsASiteWithWorkflowAndGitignore() throws Exception {
        Path site = dir.resolve("mysite");
        assertThat(run("init", site.toString(), "--title", "My \"demo\"")).isZero();
        assertThat(site.resolve("termpress.yaml")).content().contains("title: \"My \\\"demo\\\"\"");
        assertThat(site.resolve("content/index.md")).content().contains("```container image=busybox");
        assertThat(site.resolve(".github/workflows/pages.yml")).content()
                .contains("actions/upload-pages-artifact")
                .contains("actions/deploy-pages")
                .contains("run: termpress check .")
                .doesNotContainPattern("@[A-Z_0-9]+@");
        assertThat(out.toString()).as("tests run from classes, which CI could not download")
                .contains("Note: this termpress (development, run from classes) is not a release");
        assertThat(site.resolve(".gitignore")).content().contains("/public/");
        assertThat(out.toString()).contains("Created a termpress site");
    }

    @Test
    void initializedSiteBuildsWithItsBundledImage() {
        Path site = dir.resolve("fresh");
        assertThat(run("init", site.toString())).isZero();
        assertThat(run("build", site.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Built 1 page, 1 image (");
        assertThat(site.resolve("public/images/busybox.json")).exists();
        assertThat(site.resolve("public/index.html")).content().contains("data-image=\"images/busybox.json\"");
    }

    @Test
    void updateImagesAndOfflineAreExclusive() throws Exception {
        Files.writeString(dir.resolve("termpress.yaml"), "title: mine\n");
        assertThat(run("build", dir.toString(), "--update-images", "--offline")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--update-images asks registries what the tags mean now; it cannot be --offline");
    }

    @Test
    void initRefusesToOverwrite() throws Exception {
        Files.writeString(dir.resolve("termpress.yaml"), "title: mine\n");
        assertThat(run("init", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("would overwrite termpress.yaml");
        assertThat(dir.resolve("termpress.yaml")).hasContent("title: mine");
    }

    @Test
    void buildPrintsOneSummaryLineAndCleanRemovesTheOutput() throws Exception {
        Files.writeString(dir.resolve("termpress.yaml"), "title: T\n");
        Files.createDirectories(dir.resolve("content"));
        Files.writeString(dir.resolve("content/index.md"), "# Hello\n");

        assertThat(run("build", dir.toString())).isZero();
        assertThat(out.toString()).startsWith("Built 1 page, ");
        assertThat(out.toString().lines()).hasSize(1);
        assertThat(dir.resolve("public/index.html")).exists();

        assertThat(run("clean", dir.toString())).isZero();
        assertThat(dir.resolve("public")).doesNotExist();
    }

    @Test
    void updateNamesOnlyRegistryImagesAndSaysWhenThereAreNone() throws Exception {
        Files.writeString(dir.resolve("termpress.yaml"), "title: T\nimages:\n  local: images/busybox\n");

        assertThat(run("update", "--site", dir.toString())).isZero();
        assertThat(out.toString()).contains("Nothing to update").contains("names no registry images");

        assertThat(run("update", "--site", dir.toString(), "local")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("image \"local\" is a local image, not a registry reference"
                + " (valid: none, the site has no registry images)");
        assertThat(run("update", "--site", dir.toString(), "nosuch")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("image \"nosuch\" is not in termpress.yaml");
        assertThat(dir.resolve("termpress.lock")).doesNotExist();
    }

    @Test
    void badInputExitsWithOneAndNamesTheFile() throws Exception {
        Files.writeString(dir.resolve("termpress.yaml"), "title: T\n");
        Files.createDirectories(dir.resolve("content"));
        Files.writeString(dir.resolve("content/index.md"), "```container image=nope\n$ ls\n```\n");

        assertThat(run("build", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("index.md:1: unknown image 'nope' (no images are declared");
        assertThat(dir.resolve("public")).doesNotExist();
    }

    @Test
    void cleanRefusesDirectoriesTermpressDidNotWrite() throws Exception {
        Files.createDirectories(dir.resolve("public"));
        Files.writeString(dir.resolve("public/mine.txt"), "x");
        assertThat(run("clean", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(dir.resolve("public/mine.txt")).exists();
    }

    @Test
    void unknownVerbIsAUsageError() {
        assertThat(run("publish")).isEqualTo(ExitCodes.USAGE);
    }
}
