package dev.termpress.generator.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntryNamesTest {

    @Test
    void relativeNamesAreFine() {
        assertThat(EntryNames.problem("bin/sh")).isNull();
        assertThat(EntryNames.problem("./etc/")).isNull();
        assertThat(EntryNames.problem("a..b/..c")).isNull();
    }

    @Test
    void absoluteAndParentNamesAreNot() {
        assertThat(EntryNames.problem("/etc/passwd")).isEqualTo("is an absolute path");
        assertThat(EntryNames.problem("C:/x")).isEqualTo("is an absolute path");
        assertThat(EntryNames.problem("..")).isEqualTo("contains a \"..\" component");
        assertThat(EntryNames.problem("a/../../b")).isEqualTo("contains a \"..\" component");
        assertThat(EntryNames.problem("a\\..\\b")).isEqualTo("contains a \"..\" component");
    }

    @Test
    void normalizeDropsDotSlashAndTrailingSlash() {
        assertThat(EntryNames.normalize("././blobs/sha256/")).isEqualTo("blobs/sha256");
        assertThat(EntryNames.normalize("index.json")).isEqualTo("index.json");
    }
}
