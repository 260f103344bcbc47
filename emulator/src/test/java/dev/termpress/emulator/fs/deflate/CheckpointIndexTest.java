package dev.termpress.emulator.fs.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.InflateCheckpoints;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.TarInput;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Layer index format version 2: the checkpoints travel with the entries and are checked like them. */
class CheckpointIndexTest {

    @Test
    void checkpointsRoundTripAndVersionOneStaysAsItWas() throws Exception {
        byte[] tar = tar(3_000_000);
        byte[] blob = gzip(tar);
        LayerIndex plain = LayerIndex.build(TarInput.of(tar));
        InflateCheckpoints checkpoints = CheckpointFinderTest.checkpoints(blob, 256 * 1024);
        LayerIndex withCheckpoints = plain.withCheckpoints(checkpoints);

        byte[] v1 = plain.toBytes();
        byte[] v2 = withCheckpoints.toBytes();
        assertThat(v1[4]).isEqualTo((byte) 1);
        assertThat(v2[4]).isEqualTo((byte) 2);
        assertThat(LayerIndex.fromBytes(v1).checkpoints()).isNull();

        LayerIndex decoded = LayerIndex.fromBytes(v2);
        assertThat(decoded.entries()).isEqualTo(plain.entries());
        List<InflateCheckpoints.Span> spans = decoded.checkpoints().spans();
        assertThat(spans).hasSameSizeAs(checkpoints.spans());
        assertThat(decoded.checkpoints().blobSize()).isEqualTo(blob.length);
        assertThat(decoded.checkpoints().windowsSha256()).isEqualTo(checkpoints.windowsSha256());
        assertThat(decoded.checkpoints().windowsSize()).isEqualTo(checkpoints.windowsSize()).isPositive();
        for (int i = 0; i < spans.size(); i++) {
            InflateCheckpoints.Span a = spans.get(i);
            InflateCheckpoints.Span b = checkpoints.spans().get(i);
            assertThat(List.of(a.startBit(), a.endBit(), a.uncompressedStart(), a.uncompressedEnd(), a.firstStoredBit()))
                    .isEqualTo(List.of(b.startBit(), b.endBit(), b.uncompressedStart(), b.uncompressedEnd(),
                            b.firstStoredBit()));
            assertThat(a.window().offset()).isEqualTo(b.window().offset());
            assertThat(a.window().length()).isEqualTo(b.window().length());
            assertThat(a.window().sha256()).isEqualTo(b.window().sha256());
            assertThat(a.sha256()).isEqualTo(b.sha256());
            assertThat(a.last()).isEqualTo(b.last());
        }
    }

    @Test
    void hostileCheckpointSectionsAreClearErrors() throws Exception {
        byte[] tar = tar(1_000_000);
        byte[] blob = gzip(tar);
        LayerIndex index = LayerIndex.build(TarInput.of(tar));
        byte[] v1 = index.toBytes();
        byte[] v2 = index.withCheckpoints(CheckpointFinderTest.checkpoints(blob, 128 * 1024)).toBytes();

        assertThatThrownBy(() -> LayerIndex.fromBytes(Arrays.copyOf(v2, v2.length - 1)))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("truncated");
        byte[] newer = v2.clone();
        newer[4] = 3;
        assertThatThrownBy(() -> LayerIndex.fromBytes(newer))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("format version 3 (valid: 1 or 2)");
        byte[] claimsCheckpoints = v1.clone();
        claimsCheckpoints[4] = 2;
        assertThatThrownBy(() -> LayerIndex.fromBytes(claimsCheckpoints))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("truncated");

        // A section whose spans lie outside a 10-byte blob.
        assertThatThrownBy(() -> LayerIndex.fromBytes(withSection(v1, 10, -1, 0, 1, 0, 81, 5, 0, 0, -1, -1)))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("outside the 10-byte blob");
        // Spans that inflate to less than the tar the entries describe.
        assertThatThrownBy(() -> LayerIndex.fromBytes(withSection(v1, 10, -1, 0, 1, 0, 80, 5, 0, 0, -1, -1)))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("less than the");
        // No spans at all.
        assertThatThrownBy(() -> LayerIndex.fromBytes(withSection(v1, 10, -1, 0, 0)))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("valid: at least 1");
        // A huge blob size that would overflow bit arithmetic.
        assertThatThrownBy(() -> LayerIndex.fromBytes(withSection(v1, Long.MAX_VALUE, -1, 0, 1, 0, 8, 5, 0, 0, -1, -1)))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("blob size");
        // A second span whose window lies past the end of the windows file.
        assertThatThrownBy(() -> LayerIndex.fromBytes(withSection(v1, 100, -1, 50, 2, 0, 80, 5, 0, 0, -1, -1,
                80, 5, 0, 60, -1, -1)))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("60-byte window at byte 0 of the 50-byte");
    }

    @Test
    void spansTooLargeForOneArrayOrWithAStoredHeaderPastTheirEndAreRejected() throws Exception {
        byte[] tar = tar(1_000_000);
        LayerIndex index = LayerIndex.build(TarInput.of(tar));
        byte[] v1 = index.toBytes();
        long stream = index.streamLength();
        long tooLong = InflateCheckpoints.MAX_SPAN_BYTES + 1L;

        // The first stored block's 3 header bits start at the span's last bit: they would be read past its end.
        assertThatThrownBy(() -> LayerIndex.fromBytes(withSection(v1, 100, -1, 0, 1, 3, 80, stream, 80, 0, -1, -1)))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("span 0 has its first stored block at bit 79 of 80");
        // More uncompressed bytes than one span can hold (a Java array, with its window).
        assertThatThrownBy(() -> LayerIndex.fromBytes(withSection(v1, 100, -1, 0, 1, 0, 80, tooLong, 0, 0, -1, -1)))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("span 0 inflates to " + tooLong + " bytes (valid: at most");
        // More compressed bytes than one Range request can bring into an array.
        assertThatThrownBy(() -> LayerIndex.fromBytes(withSection(v1, 1L << 40, -1, 0, 1, 0, tooLong * 8, stream, 0,
                0, -1, -1)))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("span 0 is " + tooLong + " compressed bytes (valid: at most");
    }

    @Test
    void randomlyDamagedIndexesFailCleanly() throws Exception {
        byte[] tar = tar(500_000);
        byte[] v2 = LayerIndex.build(TarInput.of(tar))
                .withCheckpoints(CheckpointFinderTest.checkpoints(gzip(tar), 64 * 1024)).toBytes();
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            byte[] damaged = v2.clone();
            damaged[5 + random.nextInt(damaged.length - 5)] = (byte) random.nextInt(256);
            try {
                LayerIndex.fromBytes(damaged);
            } catch (ImageFormatException expected) {
                assertThat(expected).hasMessageStartingWith("layer index");
            }
        }
    }

    /** A version 2 index made of {@code v1}'s entries plus the given varints as the section; -1 stands for a zero digest. */
    private static byte[] withSection(byte[] v1, long... varints) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(v1, 0, v1.length);
        for (long v : varints) {
            if (v == -1) {
                out.write(new byte[InflateCheckpoints.DIGEST_BYTES], 0, InflateCheckpoints.DIGEST_BYTES);
                continue;
            }
            while ((v & ~0x7fL) != 0) {
                out.write((int) (v & 0x7f | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
        byte[] bytes = out.toByteArray();
        bytes[4] = 2;
        return bytes;
    }

    /** A tar of files with compressible and random contents, about {@code size} bytes. */
    static byte[] tar(int size) {
        dev.termpress.emulator.fs.TarBuilder builder = new dev.termpress.emulator.fs.TarBuilder();
        Random random = new Random(size);
        int n = 0;
        int total = 0;
        while (total < size) {
            byte[] content = new byte[random.nextInt(200_000)];
            if (n % 3 == 0) {
                random.nextBytes(content);
            } else {
                for (int i = 0; i < content.length; i++) {
                    content[i] = (byte) ("abcdefgh \n".charAt(random.nextInt(10)));
                }
            }
            builder.file("dir/file" + n++, content, 0644);
            total += content.length + 512;
        }
        return builder.build();
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }
}
