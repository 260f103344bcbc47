package dev.termpress.generator.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MimeTypesTest {

    @Test
    void knowsTheTypesBrowsersAreStrictAbout() {
        assertThat(MimeTypes.of("termpress.wasm")).isEqualTo("application/wasm");
        assertThat(MimeTypes.of("worker.mjs")).startsWith("text/javascript");
        assertThat(MimeTypes.of("INDEX.HTML")).startsWith("text/html");
        assertThat(MimeTypes.of("images/busybox.json")).isEqualTo("application/json");
    }

    @Test
    void blobsWithoutExtensionAreOctetStreams() {
        assertThat(MimeTypes.of("blobs/sha256/ab12")).isEqualTo(MimeTypes.DEFAULT);
        assertThat(MimeTypes.of("v1.2/blob")).isEqualTo(MimeTypes.DEFAULT);
    }
}
