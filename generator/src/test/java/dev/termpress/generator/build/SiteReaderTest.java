package dev.termpress.generator.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteReaderTest {

    @TempDir
    Path dir;

    @Test
    void listsDemoBlocksInReadingOrderWithTheirImages() throws Exception {
        new TestSite(dir).file("termpress.yaml", TestSite.CONFIG)
                .file("content/index.md", "```container image=busybox\n$ uname -m\nriscv64\n```\n")
                .file("content/b.md", "---\nweight: 2\n---\n```container image=unused\n$ true\n```\n")
                .file("content/a.md", "---\nweight: 1\n---\ntext\n\n```container image=busybox\n$ ls\n```\n");

        SiteReader.SiteContent content = SiteReader.read(dir, false);

        assertThat(content.demos()).extracting(d -> d.page().sourcePath() + ":" + d.block().line() + " " + d.image().name())
                .containsExactly("index.md:1 busybox", "a.md:6 busybox", "b.md:4 unused");
        assertThat(content.demos().get(0).block().steps().get(0).output()).isEqualTo("riscv64");
        assertThat(dir.resolve("public")).doesNotExist();
    }

    @Test
    void unknownImagesFailAsInABuild() {
        new TestSite(dir).file("termpress.yaml", TestSite.CONFIG)
                .file("content/index.md", "```container image=alpine\n$ ls\n```\n");
        assertThatThrownBy(() -> SiteReader.read(dir, false))
                .hasMessageEndingWith("index.md:1: unknown image 'alpine' (valid: busybox, unused)");
    }
}
