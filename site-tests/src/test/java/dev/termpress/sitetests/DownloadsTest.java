package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the benchmark sorts a site's URLs into kinds of download (no browser needed). */
class DownloadsTest {

    private static final String SITE = "http://localhost:8080/docs/tour/";

    @Test
    void runtimeFilesAreWasmJsOrTheKernel() {
        assertThat(Downloads.kind(SITE + "assets/runtime/termpress-worker.0123456789ab.wasm"))
                .isEqualTo(Downloads.Kind.RUNTIME_WASM);
        assertThat(Downloads.kind(SITE + "assets/runtime/xterm.0123456789ab.js")).isEqualTo(Downloads.Kind.RUNTIME_JS);
        assertThat(Downloads.kind(SITE + "assets/runtime/xterm.0123456789ab.css")).isEqualTo(Downloads.Kind.RUNTIME_JS);
        assertThat(Downloads.kind(SITE + "assets/runtime/termpress-worker.0123456789ab.js?runtime=x&wasm=y"))
                .isEqualTo(Downloads.Kind.RUNTIME_JS);
        assertThat(Downloads.kind(SITE + "assets/runtime/Image.0123456789ab.gz")).isEqualTo(Downloads.Kind.KERNEL);
    }

    @Test
    void imageFilesAreDescriptorIndexOrBlob() {
        assertThat(Downloads.kind(SITE + "images/busybox.json")).isEqualTo(Downloads.Kind.DESCRIPTOR);
        assertThat(Downloads.kind(SITE + "images/indexes/sha256/ab12")).isEqualTo(Downloads.Kind.LAYER_INDEX);
        assertThat(Downloads.kind(SITE + "images/blobs/sha256/ab12")).isEqualTo(Downloads.Kind.BLOB);
    }

    @Test
    void everythingElseIsThePage() {
        assertThat(Downloads.kind(SITE)).isEqualTo(Downloads.Kind.PAGE);
        assertThat(Downloads.kind(SITE + "debian/")).isEqualTo(Downloads.Kind.PAGE);
        assertThat(Downloads.kind(SITE + "assets/theme.0123456789ab.css")).isEqualTo(Downloads.Kind.PAGE);
        assertThat(Downloads.kind(SITE + "search.json")).as("JSON outside images/").isEqualTo(Downloads.Kind.PAGE);
    }
}
