package dev.termpress.emulator.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClockTest {

    @Test
    void instructionClockCountsAndSkips() {
        InstructionClock clock = new InstructionClock(10);
        assertThat(clock.ticks(95)).isEqualTo(9);
        assertThat(clock.skipTo(1000, 95)).isTrue();
        assertThat(clock.ticks(95)).isEqualTo(1000);
        assertThat(clock.ticks(105)).isEqualTo(1001);
        assertThat(clock.skipTo(Long.MAX_VALUE, 105)).as("no deadline: nothing to skip to").isFalse();
        assertThat(clock.skipTo(10, 105)).as("a past deadline changes nothing").isTrue();
        assertThat(clock.ticks(105)).isEqualTo(1001);
    }

    @Test
    void wallClockNeverSkips() {
        WallClock clock = new WallClock();
        long first = clock.ticks(0);
        assertThat(clock.skipTo(first + 1_000_000, 0)).isFalse();
        assertThat(clock.ticks(0)).isGreaterThanOrEqualTo(first);
    }

    @Test
    void inputQueueKeepsOrderAcrossGrowth() {
        InputQueue queue = new InputQueue();
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        queue.add(data, 0, 10);
        assertThat(queue.poll()).isZero();
        queue.add(data, 10, 990);
        assertThat(queue.available()).isEqualTo(999);
        for (int i = 1; i < 1000; i++) {
            assertThat(queue.poll()).isEqualTo(i & 0xff);
        }
        assertThat(queue.poll()).isEqualTo(-1);
    }
}
