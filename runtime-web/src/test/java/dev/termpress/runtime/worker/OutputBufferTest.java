package dev.termpress.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

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
}
