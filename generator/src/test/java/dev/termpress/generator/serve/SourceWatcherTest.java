package dev.termpress.generator.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceWatcherTest {

    @TempDir
    Path site;

    @Test
    void noticesEditsNewNestedFilesAndConfigButNotOutput() throws Exception {
        Files.createDirectories(site.resolve("content"));
        Files.writeString(site.resolve("content/index.md"), "# a\n");
        Files.writeString(site.resolve("termpress.yaml"), "title: x\n");
        SourceWatcher watcher = new SourceWatcher(site);
        assertThat(watcher.changed()).isFalse();

        Files.writeString(site.resolve("content/index.md"), "# a longer title\n");
        assertThat(watcher.changed()).isTrue();
        assertThat(watcher.changed()).isFalse();

        Files.createDirectories(site.resolve("theme/templates/partials"));
        Files.writeString(site.resolve("theme/templates/partials/footer.peb"), "<footer/>");
        assertThat(watcher.changed()).isTrue();

        Files.writeString(site.resolve("termpress.yaml"), "title: longer\n");
        assertThat(watcher.changed()).isTrue();

        Files.createDirectories(site.resolve("public"));
        Files.writeString(site.resolve("public/index.html"), "built");
        assertThat(watcher.changed()).isFalse();
    }
}
