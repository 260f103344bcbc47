package dev.termpress.emulator.fs.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.InflateCheckpoints;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * Cutting real and synthetic gzip layers into spans, and resuming at every checkpoint through
 * {@link SpanStream} with java.util.zip's Inflater (a standard decoder, as a browser's is), byte for byte
 * against the whole inflate.
 */
class CheckpointFinderTest {

    @Test
    void busyboxLayerResumesAtEveryCheckpoint() throws Exception {
        assumeThat(Files.exists(GzipSamples.BUSYBOX_LAYER)).as("example image next to the emulator module").isTrue();
        InflateCheckpoints checkpoints = resumesEverywhere(GzipSamples.busybox(), 32 * 1024);
        assertThat(checkpoints.spans()).hasSizeGreaterThan(10);
    }

    @Test
    void syntheticLayersResumeAtEveryCheckpoint() throws Exception {
        for (int level : new int[] {0, 1, 6, 9}) {
            InflateCheckpoints checkpoints = resumesEverywhere(GzipSamples.synthetic(3, level, level), 256 * 1024);
            assertThat(checkpoints.spans()).as("level %d", level).hasSizeGreaterThan(3);
            assertThat(checkpoints.spans()).as("some checkpoints are mid-byte")
                    .anyMatch(span -> (span.startBit() & 7) != 0);
            if (level == 0) {
                assertThat(checkpoints.spans()).as("a mid-byte span with a stored block: its padding is redone")
                        .anyMatch(span -> (span.startBit() & 7) != 0 && span.firstStoredBit() >= 0);
            }
        }
    }

    @Test
    void aSpanStreamRefusesBytesOrWindowsOfTheWrongSize() throws Exception {
        InflateCheckpoints checkpoints = checkpoints(GzipSamples.synthetic(1, 6, 13), 64 * 1024);
        InflateCheckpoints.Span span = checkpoints.spans().get(1);
        assertThatThrownBy(() -> SpanStream.of(span, new byte[span.windowLength()], new byte[3]))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("compressed bytes was given 3");
        assertThatThrownBy(() -> SpanStream.of(span, new byte[5], new byte[span.compressedLength()]))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("was given 5 bytes of window");
    }

    @Test
    void aSpanStreamRefusesAStoredBlockHeaderOutsideTheSpan() {
        // A mid-byte span of 2 bytes whose first stored block would start at its last bit.
        InflateCheckpoints.Span span = new InflateCheckpoints.Span(3, 16, 0, 10,
                new InflateCheckpoints.WindowRef(0, 0, new byte[32]), new byte[32], 15, true);
        assertThatThrownBy(() -> SpanStream.of(span, new byte[0], new byte[2]))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("first stored block at bit 15 (valid: its 3 header bits within bits 3 to 16)");
    }

    @Test
    void spansOverTheIndexLimitAreReportedSoTheLayerIsReadWhole() {
        long limit = InflateCheckpoints.MAX_SPAN_BYTES;
        CheckpointFinder.Cut small = new CheckpointFinder.Cut(0, 80, 0, 100, new byte[0], -1, false);
        CheckpointFinder.Cut inflatesTooMuch = new CheckpointFinder.Cut(80, 160, 100, 101 + limit, new byte[0], -1, true);
        CheckpointFinder.Cut tooManyBits = new CheckpointFinder.Cut(80, 81 + 8 * limit, 100, 200, new byte[0], -1, true);
        CheckpointFinder.Cut atTheLimit = new CheckpointFinder.Cut(80, 80 + 8 * limit, 100, 100 + limit, new byte[0], -1,
                true);
        assertThat(new CheckpointFinder.Found(List.of(small, atTheLimit), 0, false).spansFit()).isTrue();
        assertThat(new CheckpointFinder.Found(List.of(small, inflatesTooMuch), 0, false).spansFit()).isFalse();
        assertThat(new CheckpointFinder.Found(List.of(small, tooManyBits), 0, false).spansFit()).isFalse();
    }

    @Test
    void spacingBoundsTheSpansFromBelowAndOneSpanCoversASmallBlob() throws Exception {
        byte[] blob = GzipSamples.synthetic(3, 6, 42);
        InflateCheckpoints spaced = checkpoints(blob, 512 * 1024);
        for (InflateCheckpoints.Span span : spaced.spans().subList(0, spaced.spans().size() - 1)) {
            assertThat(span.endBit() - span.startBit()).isGreaterThanOrEqualTo(512 * 1024 * 8L);
        }
        InflateCheckpoints whole = checkpoints(blob, blob.length);
        assertThat(whole.spans()).hasSize(1);
        assertThat(whole.spans().get(0).last()).isTrue();
        assertThat(whole.spans().get(0).window().length()).isZero();
        assertThat(whole.spans().get(0).windowLength()).isZero();
    }

    @Test
    void spanAtFindsTheSpanHoldingAnOffset() throws Exception {
        InflateCheckpoints checkpoints = checkpoints(GzipSamples.synthetic(2, 6, 7), 128 * 1024);
        for (int i = 0; i < checkpoints.spans().size(); i++) {
            InflateCheckpoints.Span span = checkpoints.spans().get(i);
            assertThat(checkpoints.spanAt(span.uncompressedStart())).isEqualTo(i);
            assertThat(checkpoints.spanAt(span.uncompressedEnd() - 1)).isEqualTo(i);
        }
        assertThat(checkpoints.spanAt(Long.MAX_VALUE)).isEqualTo(checkpoints.spans().size() - 1);
    }

    @Test
    void notGzipAndTruncatedDataAreClearErrors() throws Exception {
        byte[] blob = GzipSamples.synthetic(1, 6, 3);
        assertThatThrownBy(() -> checkpoints("PK\3\4 not gzip".getBytes(), 1024))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("not gzip data");
        assertThatThrownBy(() -> checkpoints(Arrays.copyOf(blob, blob.length / 2), 1024))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("ends early");
        byte[] badTrailer = blob.clone();
        badTrailer[badTrailer.length - 1] ^= 1;
        assertThatThrownBy(() -> checkpoints(badTrailer, 1024))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("gzip trailer");
    }

    @Test
    void corruptDeflateDataNeverCrashesTheDecoder() throws Exception {
        byte[] blob = GzipSamples.synthetic(1, 6, 5);
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 300; i++) {
            byte[] corrupt = blob.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                int at = 10 + random.nextInt(Math.min(corrupt.length - 10, 4000));
                corrupt[at] ^= (byte) (1 << random.nextInt(8));
            }
            try {
                checkpoints(corrupt, 64 * 1024);
            } catch (ImageFormatException expected) {
                assertThat(expected).hasMessageStartingWith("sample:");
            }
        }
    }

    @Test
    void everyOptionalGzipHeaderFieldIsSkipped() throws Exception {
        byte[] data = "hello, hello, hello, span\n".repeat(500).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(6, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] raw = new byte[data.length];
        int rawLength = deflater.deflate(raw);
        deflater.end();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        // RFC 1952 §2.3: FHCRC 2, FEXTRA 4, FNAME 8, FCOMMENT 16, in the order EXTRA, NAME, COMMENT, HCRC.
        gzip.write(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3});
        gzip.write(new byte[] {3, 0, 'a', 'b', 'c'});
        gzip.write("layer.tar\0a comment\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        gzip.write(new byte[] {0x12, 0x34});
        gzip.write(raw, 0, rawLength);
        for (long word : new long[] {crc.getValue(), data.length}) {
            for (int i = 0; i < 4; i++) {
                gzip.write((int) (word >>> (8 * i)));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CheckpointFinder.Found found = CheckpointFinder.find(new ByteArrayInputStream(gzip.toByteArray()), 1 << 20,
                out::write, "headers.gz");
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(found.moreMembers()).isFalse();
        assertThat(found.cuts()).singleElement().satisfies(cut -> assertThat(cut.startBit()).isEqualTo(8L * (10 + 5 + 10 + 10 + 2)));
    }

    @Test
    void reportsDataAfterTheFirstMember() throws Exception {
        byte[] one = GzipSamples.synthetic(1, 6, 9);
        byte[] two = new byte[one.length * 2];
        System.arraycopy(one, 0, two, 0, one.length);
        System.arraycopy(one, 0, two, one.length, one.length);
        CheckpointFinder.Found found = CheckpointFinder.find(new ByteArrayInputStream(two), 1 << 20, (b, o, l) -> { },
                "sample");
        assertThat(found.moreMembers()).isTrue();
        assertThat(CheckpointFinder.find(new ByteArrayInputStream(one), 1 << 20, (b, o, l) -> { }, "sample")
                .moreMembers()).isFalse();
    }

    static InflateCheckpoints checkpoints(byte[] blob, long spacing) throws Exception {
        return checkpoints(blob, spacing, new TestWindows());
    }

    static InflateCheckpoints checkpoints(byte[] blob, long spacing, TestWindows windows) throws Exception {
        return CheckpointFinder.find(new ByteArrayInputStream(blob), spacing, (b, o, l) -> { }, "sample")
                .checkpoints(blob.length, (from, to) -> GzipSamples.sha256(blob, from, to), windows);
    }

    /** Checks the finder's output and every span's standalone stream; returns the checkpoints. */
    private static InflateCheckpoints resumesEverywhere(byte[] blob, long spacing) throws Exception {
        byte[] whole = GzipSamples.gunzip(blob);
        ByteArrayOutputStream walked = new ByteArrayOutputStream();
        CheckpointFinder.Found found = CheckpointFinder.find(new ByteArrayInputStream(blob), spacing, walked::write,
                "sample");
        assertThat(walked.toByteArray()).as("the walker inflates like java.util.zip").isEqualTo(whole);
        TestWindows windows = new TestWindows();
        InflateCheckpoints checkpoints = found.checkpoints(blob.length, (from, to) -> GzipSamples.sha256(blob, from, to),
                windows);
        long expectedStart = 0;
        for (InflateCheckpoints.Span span : checkpoints.spans()) {
            assertThat(span.uncompressedStart()).isEqualTo(expectedStart);
            expectedStart = span.uncompressedEnd();
            byte[] compressed = Arrays.copyOfRange(blob, (int) span.firstByte(), (int) span.endByte());
            byte[] window = windows.window(span);
            assertThat(window).hasSize(span.windowLength());
            byte[] inflated = inflateRaw(SpanStream.of(span, window, compressed));
            byte[] expected = new byte[window.length + (int) (span.uncompressedEnd() - span.uncompressedStart())];
            System.arraycopy(whole, (int) span.uncompressedStart() - window.length, expected, 0, expected.length);
            assertThat(inflated).as("span at bit %d", span.startBit()).isEqualTo(expected);
        }
        assertThat(expectedStart).isEqualTo(whole.length);
        return checkpoints;
    }

    /** A standard decoder that must reach the end of the stream exactly. */
    static byte[] inflateRaw(byte[] stream) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        inflater.setInput(stream);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                throw new AssertionError("the stream ended before its final block");
            }
            out.write(buffer, 0, n);
        }
        assertThat(inflater.getRemaining()).as("no bytes after the final block").isZero();
        inflater.end();
        return out.toByteArray();
    }
}
