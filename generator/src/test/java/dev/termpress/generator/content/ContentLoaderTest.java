package dev.termpress.generator.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.generator.diag.BuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentLoaderTest {

    @TempDir
    Path site;

    @Test
    void twoSourcesOfOnePageAreABuildErrorNamingBoth() throws IOException {
        write("content/index.md", "# Home\n");
        write("content/guide.md", "# Guide\n");
        write("content/guide/index.md", "# Also the guide\n");

        assertThatThrownBy(() -> ContentLoader.load(site))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("guide.md")
                .hasMessageContaining("is the same page as guide.md: both are written to guide/index.html");
    }

    @Test
    void pagesWithDistinctUrlsLoad() throws Exception {
        write("content/index.md", "# Home\n");
        write("content/guide.md", "# Guide\n");
        write("content/guide/files.md", "# Files\n");

        assertThat(ContentLoader.load(site).markdown()).extracting(SourceFile::path)
                .containsExactlyInAnyOrder("index.md", "guide.md", "guide/files.md");
    }

    private void write(String path, String text) throws IOException {
        Path file = site.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
