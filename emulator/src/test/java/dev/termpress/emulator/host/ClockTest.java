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
    void instructionClockResumesAtASavedTickCount() {
        InstructionClock clock = new InstructionClock(10);
        clock.resumeAt(5_000, 120);
        assertThat(clock.ticks(120)).isEqualTo(5_000);
        assertThat(clock.ticks(130)).isEqualTo(5_001);
        assertThat(clock.unixNanosAtTickZero()).isEqualTo(InstructionClock.BOOT_UNIX_NANOS);
    }

    @Test
    void wallClockResumesAtASavedTickCountWithTheHostsCalendar() {
        WallClock clock = new WallClock();
        long saved = 3_600L * Clock.TIMEBASE_HZ; // an hour of guest time
        long before = System.currentTimeMillis() * 1_000_000L;
        clock.resumeAt(saved, 0);
        long after = System.currentTimeMillis() * 1_000_000L;
        long ticks = clock.ticks(0);
        assertThat(ticks).isBetween(saved, saved + 60 * Clock.TIMEBASE_HZ);
        long calendarNow = clock.unixNanosAtTickZero() + ticks * Clock.NANOS_PER_TICK;
        assertThat(calendarNow).as("tick zero moved back: the calendar at the saved tick count is now")
                .isBetween(before - 1_000_000L, after + 60_000_000_000L);
    }
}
