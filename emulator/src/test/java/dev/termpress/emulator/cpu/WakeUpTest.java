package dev.termpress.emulator.cpu;

import static dev.termpress.emulator.cpu.Asm.A1;
import static dev.termpress.emulator.cpu.Asm.A2;
import static dev.termpress.emulator.cpu.Asm.A3;
import static dev.termpress.emulator.cpu.Asm.A6;
import static dev.termpress.emulator.cpu.Asm.WFI;
import static dev.termpress.emulator.cpu.Asm.ZERO;
import static dev.termpress.emulator.cpu.Asm.ld;
import static dev.termpress.emulator.cpu.Asm.sd;
import static dev.termpress.emulator.cpu.Asm.sw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.devices.Clint;
import dev.termpress.emulator.devices.GoldfishRtc;
import dev.termpress.emulator.host.Clock;
import org.junit.jupiter.api.Test;

/** What an idle machine tells a host that waits on real time. */
class WakeUpTest {

    /** A wall clock the test moves by hand. */
    private static final class ManualClock implements Clock {
        long now;

        @Override
        public long ticks(long instret) {
            return now;
        }

        @Override
        public boolean skipTo(long deadline, long instret) {
            return false;
        }

        @Override
        public long unixNanosAtTickZero() {
            return 0;
        }

        @Override
        public void resumeAt(long ticks, long instret) {
            now = ticks;
        }
    }

    private static Machine machine(Clock clock) {
        return new Machine(MachineConfig.deterministic((b, o, n) -> { }).withRamBytes(4L << 20).withClock(clock));
    }

    /** Puts {@code program} at the start of RAM and the hart, in M-mode, in front of it. */
    private static void load(Machine machine, int... program) {
        for (int i = 0; i < program.length; i++) {
            machine.ram().store32(Ram.BASE + 4L * i, program[i]);
        }
        machine.bootBare(Ram.BASE);
    }

    @Test
    void aTimerThatFellDueWhileTheHostLookedAwayMeansWakeNow() {
        ManualClock clock = new ManualClock();
        Machine machine = machine(clock);
        Cpu cpu = machine.cpu();
        long base = Ram.BASE;
        machine.ram().store64(base + 0x100, 100); // mtimecmp value
        cpu.setReg(A1, Clint.BASE + 0x4000);
        cpu.setReg(A2, base + 0x100);
        load(machine, ld(A3, A2, 0), sd(A3, A1, 0), WFI, WFI);
        cpu.setCsr(Csr.MIE, Csr.MIP_MTIP);

        machine.run(100);
        assertThat(machine.idle()).isTrue();
        assertThat(machine.nextWakeUpTicks()).isEqualTo(100);

        clock.now = 150; // the deadline passed after run() returned
        assertThat(machine.nextWakeUpTicks()).as("past due: run now, not 'no timer'").isLessThanOrEqualTo(150);
        machine.run(100);
        assertThat(cpu.pendingInterrupts() & Csr.MIP_MTIP).isNotZero();
    }

    @Test
    void anRtcAlarmCenturiesAwayDoesNotWakeTheHartEveryTick() {
        Machine machine = machine(new ManualClock());
        Cpu cpu = machine.cpu();
        cpu.setReg(A1, GoldfishRtc.BASE);
        cpu.setReg(A2, Integer.MAX_VALUE); // alarm: Long.MAX_VALUE - 50 nanoseconds
        cpu.setReg(A3, -51);
        cpu.setReg(A6, 1);
        load(machine,
                sw(ZERO, A1, 4), sw(ZERO, A1, 0), // time := 0
                sw(A2, A1, 0xc), sw(A3, A1, 8), sw(A6, A1, 0x10), // alarm, interrupt enabled
                WFI, WFI);
        cpu.setCsr(Csr.MIE, Csr.MIP_MEIP);

        machine.run(100);
        assertThat(machine.idle()).isTrue();
        assertThat(machine.nextWakeUpTicks()).isGreaterThan(Long.MAX_VALUE / Clock.NANOS_PER_TICK / 2);
    }
}
