package dev.termpress.generator.paths;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedTemporariesTest {

    @TempDir
    Path dir;

    @Test
    void namesAreHiddenUniqueAndKeepTheTargetsName() throws Exception {
        Path first = SharedTemporaries.createFile(dir, "blob", ".tmp");
        Path second = SharedTemporaries.createFile(dir, "blob", ".tmp");
        Path folder = SharedTemporaries.createDirectory(dir, "public", ".building");

        assertThat(first).isNotEqualTo(second).isEmptyFile();
        assertThat(first.getFileName().toString()).startsWith(".blob.").endsWith(".tmp");
        assertThat(folder).isEmptyDirectory();
        assertThat(folder.getFileName().toString()).startsWith(".public.").endsWith(".building");
        try (var entries = Files.list(dir)) {
            assertThat(entries).hasSize(3);
        }
    }
}
