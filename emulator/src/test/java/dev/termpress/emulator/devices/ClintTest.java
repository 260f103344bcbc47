package dev.termpress.emulator.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.bus.HartInterrupts;
import org.junit.jupiter.api.Test;

class ClintTest {

    private long pending;
    private long now = 100;
    private final HartInterrupts hart = (bits, level) -> pending = level ? pending | bits : pending & ~bits;
    private final Clint clint = new Clint(hart, () -> now);

    @Test
    void mtimeReadsTheClockInBothWidths() {
        now = 0x1_0000_0002L;
        assertThat(clint.read(Clint.MTIME, 8)).isEqualTo(0x1_0000_0002L);
        assertThat(clint.read(Clint.MTIME, 4)).isEqualTo(2);
        assertThat(clint.read(Clint.MTIME + 4, 4)).isEqualTo(1);
    }

    @Test
    void timerInterruptFollowsMtimecmp() {
        clint.write(Clint.MTIMECMP, 8, 150);
        assertThat(pending & HartInterrupts.MIP_MTIP).isZero();
        assertThat(clint.nextDeadline()).isEqualTo(150);
        now = 150;
        clint.update();
        assertThat(pending & HartInterrupts.MIP_MTIP).isNotZero();
        clint.write(Clint.MTIMECMP + 4, 4, 1); // 32-bit halves, as RV32 software writes them
        assertThat(clint.read(Clint.MTIMECMP, 8)).isEqualTo((1L << 32) | 150);
        assertThat(pending & HartInterrupts.MIP_MTIP).isZero();
    }

    @Test
    void msipDrivesTheSoftwareInterrupt() {
        clint.write(Clint.MSIP, 4, 1);
        assertThat(pending & HartInterrupts.MIP_MSIP).isNotZero();
        assertThat(clint.read(Clint.MSIP, 4)).isEqualTo(1);
        clint.write(Clint.MSIP, 4, 0);
        assertThat(pending & HartInterrupts.MIP_MSIP).isZero();
    }

    @Test
    void writingMtimeShiftsTime() {
        clint.write(Clint.MTIME, 8, 1000);
        now += 5;
        assertThat(clint.read(Clint.MTIME, 8)).isEqualTo(1005);
    }
}
