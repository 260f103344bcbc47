package dev.termpress.emulator.fs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of the emulator's tar reader, the layer index codec and the layer
 * merger, on the path a layer takes in the browser: a tar is indexed or refused with an
 * {@link ImageFormatException} (no other exception), an accepted index survives its byte form unchanged,
 * and a filesystem is made of it or refused the same way. Seeds: {@link FuzzSeeds}.
 */
class TarIndexFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void tarsAreIndexedOrRefused(byte[] tar) {
        LayerIndex index;
        try {
            index = LayerIndex.build(TarInput.of(tar));
        } catch (ImageFormatException refused) {
            return;
        }
        assertThat(index.streamLength()).isBetween(0L, (long) tar.length);
        byte[] encoded = index.toBytes();
        LayerIndex decoded;
        try {
            decoded = LayerIndex.fromBytes(encoded);
        } catch (ImageFormatException e) {
            throw new AssertionError("an index the tar reader built does not decode: " + e.getMessage(), e);
        }
        assertThat(decoded.entries()).isEqualTo(index.entries());
        assertThat(decoded.streamLength()).isEqualTo(index.streamLength());
        try {
            ImageFileSystem.create(List.of(index), new ByteArrayLayerSource(List.of(tar)), () -> Layers.CLOCK_NANOS);
        } catch (ImageFormatException refused) {
            // a layer the merger refuses (a path through a file, say) is refused with a message
        }
    }
}
