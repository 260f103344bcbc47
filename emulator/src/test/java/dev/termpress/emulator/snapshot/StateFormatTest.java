package dev.termpress.emulator.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class StateFormatTest {

    @Test
    void fieldsComeBackInTheOrderWritten() throws Exception {
        byte[] bytes = new StateWriter().u8(0xab).bool(true).u16(0xbeef).i32(-5).i64(Long.MIN_VALUE + 3)
                .string("grüße").bytes(new byte[] {1, 2, 3}).words(new int[] {0x11223344}, 0, 1).toByteArray();
        StateReader in = new StateReader(bytes, 0, bytes.length, "test");
        assertThat(in.u8()).isEqualTo(0xab);
        assertThat(in.bool()).isTrue();
        assertThat(in.u16()).isEqualTo(0xbeef);
        assertThat(in.i32()).isEqualTo(-5);
        assertThat(in.i64()).isEqualTo(Long.MIN_VALUE + 3);
        assertThat(in.string()).isEqualTo("grüße");
        assertThat(in.bytes()).containsExactly(1, 2, 3);
        int[] word = new int[1];
        in.words(word, 0, 1);
        assertThat(word[0]).isEqualTo(0x11223344);
        assertThat(in.remaining()).isZero();
    }

    @Test
    void integersAreLittleEndian() {
        assertThat(new StateWriter().i32(0x01020304).toByteArray()).containsExactly(4, 3, 2, 1);
    }

    @Test
    void readingPastTheEndNamesTheSection() {
        byte[] bytes = new StateWriter().i32(7).toByteArray();
        StateReader in = new StateReader(bytes, 0, 3, "section clint");
        assertThatThrownBy(in::i32).isInstanceOf(SnapshotException.class)
                .hasMessage("section clint is truncated: 4 more bytes needed, 3 left");
    }

    @Test
    void aCountLargerThanTheRestIsDamageNotAnAllocation() {
        byte[] bytes = new StateWriter().i32(Integer.MAX_VALUE).toByteArray();
        StateReader in = new StateReader(bytes, 0, bytes.length, "section ram");
        assertThatThrownBy(in::bytes).isInstanceOf(SnapshotException.class).hasMessageContaining("section ram is damaged");
    }

    @Test
    void aBooleanIsZeroOrOne() {
        StateReader in = new StateReader(new byte[] {2}, 0, 1, "section machine");
        assertThatThrownBy(in::bool).isInstanceOf(SnapshotException.class).hasMessageContaining("boolean field holds 2");
    }

    @Test
    void theChecksumIsTheCrc32OfGzip() {
        byte[] text = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);
        CRC32 reference = new CRC32();
        reference.update(text);
        assertThat(Crc32.of(text, 0, text.length)).isEqualTo((int) reference.getValue()).isEqualTo(0x414fa339);
    }

    @Test
    void theChecksumMatchesTheJdksForEveryLengthAndOffsetAroundItsEightByteSteps() {
        Random random = new Random(42);
        byte[] bytes = new byte[300];
        random.nextBytes(bytes);
        for (int offset = 0; offset < 9; offset++) {
            for (int length = 0; offset + length <= bytes.length; length++) {
                CRC32 reference = new CRC32();
                reference.update(bytes, offset, length);
                assertThat(Crc32.of(bytes, offset, length)).as("offset %d length %d", offset, length)
                        .isEqualTo((int) reference.getValue());
            }
        }
    }
}
