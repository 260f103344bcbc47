package dev.termpress.emulator.fs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of the layer index decoder, which reads bytes a site serves: any input
 * decodes or is refused with an {@link ImageFormatException}, and what decodes has one canonical byte form
 * (encoding it and decoding that gives the same entries and the same bytes again). Seeds: {@link FuzzSeeds}.
 */
class IndexCodecFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void indexesDecodeOrAreRefused(byte[] bytes) throws ImageFormatException {
        LayerIndex index;
        try {
            index = LayerIndex.fromBytes(bytes);
        } catch (ImageFormatException refused) {
            return;
        }
        byte[] canonical = index.toBytes();
        LayerIndex again = LayerIndex.fromBytes(canonical);
        assertThat(again.entries()).isEqualTo(index.entries());
        assertThat(again.streamLength()).isEqualTo(index.streamLength());
        assertThat(again.toBytes()).isEqualTo(canonical);
    }
}
