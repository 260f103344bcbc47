package dev.termpress.generator.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceTextsTest {

    @TempDir
    Path dir;

    @Test
    void anOldUnchangedFileIsNotReadAgain() throws Exception {
        Path page = dir.resolve("page.md");
        Files.writeString(page, "# Old\r\n");
        Files.setLastModifiedTime(page, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        SourceTexts texts = new SourceTexts();
        String first = texts.read(page);
        assertThat(first).isEqualTo("# Old\n");
        assertThat(texts.read(page)).isSameAs(first);
    }

    @Test
    void aChangeOfSizeOrTimeIsRead() throws Exception {
        Path page = dir.resolve("page.md");
        Instant old = Instant.now().minus(1, ChronoUnit.HOURS);
        Files.writeString(page, "# One\n");
        Files.setLastModifiedTime(page, FileTime.from(old));
        SourceTexts texts = new SourceTexts();
        texts.read(page);
        Files.writeString(page, "# Two\n"); // same size, new time
        Files.setLastModifiedTime(page, FileTime.from(old.plusMillis(1)));
        assertThat(texts.read(page)).isEqualTo("# Two\n");
        Files.writeString(page, "# Three\n"); // new size, the same time
        Files.setLastModifiedTime(page, FileTime.from(old.plusMillis(1)));
        assertThat(texts.read(page)).isEqualTo("# Three\n");
    }

    @Test
    void aFileWrittenJustBeforeItWasReadIsReadAgainEvenWithTheSameSizeAndTime() throws Exception {
        // Two writes within one timestamp tick keep size and time: only reading again sees the second.
        Path page = dir.resolve("page.md");
        FileTime now = FileTime.from(Instant.now());
        Files.writeString(page, "# One\n");
        Files.setLastModifiedTime(page, now);
        SourceTexts texts = new SourceTexts();
        assertThat(texts.read(page)).isEqualTo("# One\n");
        Files.writeString(page, "# Two\n");
        Files.setLastModifiedTime(page, now);
        assertThat(texts.read(page)).isEqualTo("# Two\n");
    }
}
