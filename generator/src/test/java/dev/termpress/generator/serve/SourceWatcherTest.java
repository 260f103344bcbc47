package dev.termpress.generator.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.generator.build.SourceChanges;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceWatcherTest {

    /** Long enough for a loaded machine to deliver an event; a missing event fails only after it. */
    private static final long WAIT = 5_000;
    /** How long to wait for an event that must not come. */
    private static final long QUIET = 300;

    @TempDir
    Path site;

    @Test
    void noticesEditsNewNestedFilesAndConfigButNotOutput() throws Exception {
        Files.createDirectories(site.resolve("content"));
        Files.writeString(site.resolve("content/index.md"), "# a\n");
        Files.writeString(site.resolve("termpress.yaml"), "title: x\n");
        try (SourceWatcher watcher = new SourceWatcher(site)) {
            assertThat(watcher.awaitChange(QUIET)).isFalse();

            Files.writeString(site.resolve("content/index.md"), "# a longer title\n");
            assertThat(watcher.awaitChange(WAIT)).isTrue();
            assertThat(watcher.awaitChange(QUIET)).isFalse();

            Files.createDirectories(site.resolve("theme/templates/partials"));
            assertThat(watcher.awaitChange(WAIT)).isTrue();
            Files.writeString(site.resolve("theme/templates/partials/footer.peb"), "<footer/>");
            assertThat(watcher.awaitChange(WAIT)).isTrue();

            Files.writeString(site.resolve("termpress.yaml"), "title: longer\n");
            assertThat(watcher.awaitChange(WAIT)).isTrue();
            Files.writeString(site.resolve("termpress.lock"), "pins\n");
            assertThat(watcher.awaitChange(WAIT)).isTrue();

            Files.createDirectories(site.resolve("public"));
            Files.writeString(site.resolve("public/index.html"), "built");
            Files.createDirectories(site.resolve(".public.building-1"));
            assertThat(watcher.awaitChange(QUIET)).isFalse();
        }
    }

    @Test
    void watchesAFolderCreatedAfterItStarted() throws Exception {
        Files.createDirectories(site.resolve("content"));
        try (SourceWatcher watcher = new SourceWatcher(site)) {
            Files.createDirectories(site.resolve("content/guide/deep"));
            assertThat(watcher.awaitChange(WAIT)).isTrue();
            // The new folder and the one inside it are watched now: a file written there is a change.
            Files.writeString(site.resolve("content/guide/deep/page.md"), "# Deep\n");
            assertThat(watcher.awaitChange(WAIT)).isTrue();
            Files.writeString(site.resolve("content/guide/deep/page.md"), "# Deeper\n");
            assertThat(watcher.awaitChange(WAIT)).isTrue();
            assertThat(watcher.awaitChange(QUIET)).isFalse();
        }
    }

    @Test
    void watchesASourceFolderThatDidNotExistAtTheStart() throws Exception {
        try (SourceWatcher watcher = new SourceWatcher(site)) {
            Files.createDirectories(site.resolve("static/css"));
            assertThat(watcher.awaitChange(WAIT)).isTrue();
            Files.writeString(site.resolve("static/css/site.css"), "body{}");
            assertThat(watcher.awaitChange(WAIT)).isTrue();
        }
    }

    @Test
    void takeChangesNamesTheChangedPathsAndStartsAfresh() throws Exception {
        Files.createDirectories(site.resolve("content"));
        Path page = site.resolve("content/index.md").toAbsolutePath().normalize();
        Files.writeString(page, "# a\n");
        try (SourceWatcher watcher = new SourceWatcher(site)) {
            Files.writeString(page, "# a longer title\n");
            assertThat(watcher.awaitChange(WAIT)).isTrue();
            SourceChanges changes = watcher.takeChanges();
            assertThat(changes.complete()).isTrue();
            assertThat(changes.files()).contains(page);
            assertThat(watcher.takeChanges().files()).as("taken once").isEmpty();

            Files.createDirectories(site.resolve("public"));
            Files.writeString(site.resolve("public/index.html"), "built");
            assertThat(watcher.awaitChange(QUIET)).isFalse();
            assertThat(watcher.takeChanges().files()).as("the output is not a source").isEmpty();
        }
    }
}
