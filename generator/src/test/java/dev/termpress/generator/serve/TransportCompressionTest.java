package dev.termpress.generator.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class TransportCompressionTest {

    @Test
    void textLikeFilesAreCompressibleAndBlobsImagesAndArchivesAreNot() {
        assertThat(TransportCompression.compressible("index.html")).isTrue();
        assertThat(TransportCompression.compressible("termpress-runtime.3f2a.wasm")).isTrue();
        assertThat(TransportCompression.compressible("xterm.MJS")).isTrue();
        assertThat(TransportCompression.compressible("debian.json")).isTrue();
        assertThat(TransportCompression.compressible("d515657eee50441c")).isFalse();
        assertThat(TransportCompression.compressible("logo.png")).isFalse();
        assertThat(TransportCompression.compressible("layer.tar.gz")).isFalse();
        assertThat(TransportCompression.compressible("a.json/blob")).isFalse();
    }

    @Test
    void acceptsGzipWhenNamedOrWildcardedWithANonZeroWeight() {
        assertThat(TransportCompression.acceptsGzip("gzip, deflate, br, zstd")).isTrue();
        assertThat(TransportCompression.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
        assertThat(TransportCompression.acceptsGzip("*")).isTrue();
        assertThat(TransportCompression.acceptsGzip("x-gzip")).isTrue();
        assertThat(TransportCompression.acceptsGzip(null)).isFalse();
        assertThat(TransportCompression.acceptsGzip("")).isFalse();
        assertThat(TransportCompression.acceptsGzip("identity")).isFalse();
        assertThat(TransportCompression.acceptsGzip("br, deflate")).isFalse();
        assertThat(TransportCompression.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(TransportCompression.acceptsGzip("*, gzip;q=0.000")).isFalse();
        assertThat(TransportCompression.acceptsGzip("*;q=0")).isFalse();
    }

    @Test
    void gzipInflatesToItsInputAndIsTheSameEachTime() throws IOException {
        byte[] text = "termpress ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        byte[] coded = TransportCompression.gzip(text);
        assertThat(coded.length).isLessThan(text.length / 10);
        assertThat(TransportCompression.gzip(text)).isEqualTo(coded);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(coded))) {
            assertThat(in.readAllBytes()).isEqualTo(text);
        }
    }
}
