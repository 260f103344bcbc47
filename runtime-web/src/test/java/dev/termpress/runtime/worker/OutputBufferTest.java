package dev.termpress.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputBufferTest {

    @Test
    void collectsWritesUntilTaken() {
        OutputBuffer buffer = new OutputBuffer();
        assertThat(buffer.take()).isNull();

        buffer.write("xhello".getBytes(), 1, 5);
        byte[] big = new byte[100_000];
        big[99_999] = 7;
        buffer.write(big, 0, big.length);

        byte[] taken = buffer.take();
        assertThat(taken).hasSize(100_005).startsWith("hello".getBytes());
        assertThat(taken[100_004]).isEqualTo((byte) 7);
        assertThat(buffer.size()).isZero();
        assertThat(buffer.take()).isNull();
    }

    @Test
    void aFloodBetweenTwoTakesKeepsAtMostTheCapAndSaysHowMuchWasDropped() {
        OutputBuffer buffer = new OutputBuffer();
        byte[] line = "y\n".getBytes(StandardCharsets.US_ASCII);
        long written = 0;
        while (written < 50L * 1024 * 1024) { // yes, 50 MiB of it, between two flushes
            buffer.write(line, 0, line.length);
            written += line.length;
            assertThat(buffer.size()).isLessThanOrEqualTo(OutputBuffer.MAX_BYTES);
        }
        assertThat(buffer.dropped()).isEqualTo(written - OutputBuffer.MAX_BYTES);

        byte[] taken = buffer.take();
        String text = new String(taken, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("y\ny\n")
                .endsWith("\u0018\r\n[termpress: " + (written - OutputBuffer.MAX_BYTES) + " bytes of output dropped]\r\n");
        assertThat(taken.length).isLessThan(OutputBuffer.MAX_BYTES + 100);

        buffer.write(line, 0, line.length);
        assertThat(buffer.dropped()).isZero();
        assertThat(buffer.take()).isEqualTo(line); // the next flush starts afresh, with no notice
    }

    @Test
    void oneWriteLargerThanTheCapIsCutToIt() {
        OutputBuffer buffer = new OutputBuffer();
        byte[] huge = new byte[OutputBuffer.MAX_BYTES * 3];
        buffer.write(huge, 0, huge.length);
        assertThat(buffer.size()).isEqualTo(OutputBuffer.MAX_BYTES);
        assertThat(buffer.dropped()).isEqualTo(OutputBuffer.MAX_BYTES * 2L);
    }
}
