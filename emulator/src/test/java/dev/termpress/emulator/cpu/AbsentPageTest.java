package dev.termpress.emulator.cpu;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.bus.Ram;
import org.junit.jupiter.api.Test;

/**
 * A RAM page whose bytes have not arrived (a boot snapshot's cold part still on its way): the hart stops
 * precisely before the instruction that needs it, and goes on once the page is here.
 */
class AbsentPageTest {

    private static final long BASE = Harness.BASE;
    private static final long DATA = BASE + 0x20_000;
    private static final int DATA_PAGE = 0x20;
    private static final long VALUE = 0x1234_5678_9abc_def0L;

    private final Harness h = new Harness();

    /** The page's bytes land in RAM the way a host copies a cold part in: straight into the words. */
    private void arrive(int page, long address, long value) {
        int word = (int) ((address - Ram.BASE) >>> 2);
        h.ram.words()[word] = (int) value;
        h.ram.words()[word + 1] = (int) (value >>> 32);
        h.ram.arrived(page);
    }

    @Test
    void aLoadFromAnAbsentPageStopsBeforeItWithNothingRetiredThenCompletesOnceItArrives() {
        h.ram.markAbsent(DATA_PAGE);
        h.set(A1, DATA).program(addi(A2, A2, 1), ld(A0, A1, 0), addi(A3, A3, 1));

        long ran = h.machine.run(10);

        assertThat(ran).isEqualTo(1);
        assertThat(h.cpu.pc()).isEqualTo(BASE + 4);
        assertThat(h.cpu.instret()).isEqualTo(1);
        assertThat(h.x(A2)).isEqualTo(1);
        assertThat(h.x(A3)).isZero();
        assertThat(h.cpu.csr(Csr.MCAUSE)).as("the guest sees no trap").isZero();
        assertThat(h.machine.waitingForPages()).isTrue();

        assertThat(h.machine.run(10)).as("still absent: nothing runs").isZero();
        assertThat(h.cpu.pc()).isEqualTo(BASE + 4);

        arrive(DATA_PAGE, DATA, VALUE);
        h.machine.run(2);

        assertThat(h.machine.waitingForPages()).isFalse();
        assertThat(h.x(A0)).isEqualTo(VALUE);
        assertThat(h.x(A3)).isEqualTo(1);
        assertThat(h.cpu.instret()).isEqualTo(3);
        assertThat(h.cpu.csr(Csr.MINSTRET)).isEqualTo(3);
    }

    @Test
    void aStoreToAnAbsentPageWritesNothingUntilItArrives() {
        h.ram.markAbsent(DATA_PAGE);
        h.set(A1, DATA).set(A2, 77).program(sd(A2, A1, 8), addi(A3, A3, 1));

        h.machine.run(10);

        assertThat(h.cpu.pc()).isEqualTo(BASE);
        assertThat(h.ram.words()[(int) ((DATA + 8 - Ram.BASE) >>> 2)]).isZero();

        arrive(DATA_PAGE, DATA, VALUE);
        h.machine.run(2);

        assertThat(h.ram.load64(DATA)).as("the arrived bytes are kept").isEqualTo(VALUE);
        assertThat(h.ram.load64(DATA + 8)).isEqualTo(77);
        assertThat(h.x(A3)).isEqualTo(1);
    }

    @Test
    void aStoreCrossingIntoAnAbsentPageWritesNeitherHalf() {
        h.ram.markAbsent(DATA_PAGE);
        h.set(A1, DATA - 4).set(A2, -1).program(sd(A2, A1, 0));

        h.machine.run(10);

        assertThat(h.cpu.pc()).isEqualTo(BASE);
        assertThat(h.ram.load32(DATA - 4)).as("the present half is untouched too").isZero();

        h.ram.arrived(DATA_PAGE);
        h.machine.run(1);
        assertThat(h.ram.load64(DATA - 4)).isEqualTo(-1L);
    }

    @Test
    void jumpingToCodeOnAnAbsentPageStopsAtTheTargetThenRunsTheArrivedCode() {
        long target = BASE + 0x30_000;
        int targetPage = 0x30;
        h.ram.markAbsent(targetPage);
        h.set(A1, target).program(jalr(ZERO, A1, 0));

        h.machine.run(10);

        assertThat(h.cpu.pc()).isEqualTo(target);
        assertThat(h.cpu.instret()).isEqualTo(1);

        h.ram.words()[(int) ((target - Ram.BASE) >>> 2)] = addi(A0, ZERO, 42);
        h.ram.arrived(targetPage);
        h.machine.run(1);

        assertThat(h.x(A0)).isEqualTo(42);
        assertThat(h.cpu.pc()).isEqualTo(target + 4);
    }

    @Test
    void anAbsentPageTableStopsTheWalk() {
        long root = BASE + 0x10_000;
        // Identity gigapage over RAM, in a root table whose page has not arrived.
        long gigapage = ((BASE >>> 12) << 10) | MmuTest.V | MmuTest.R | MmuTest.W | MmuTest.X | MmuTest.A | MmuTest.D;
        h.ram.store64(root + 8 * 2, gigapage);
        h.ram.markAbsent(0x10);
        h.cpu.setCsr(Csr.SATP, (Csr.SATP_MODE_SV39 << 60) | (root >>> 12));
        h.cpu.setPrivilege(Cpu.PRIV_S);
        h.program(addi(A0, ZERO, 5));

        h.machine.run(10);

        assertThat(h.cpu.pc()).isEqualTo(BASE);
        assertThat(h.cpu.privilege()).isEqualTo(Cpu.PRIV_S);
        assertThat(h.x(A0)).isZero();

        h.ram.arrived(0x10);
        h.machine.run(1);
        assertThat(h.x(A0)).isEqualTo(5);
    }

    @Test
    void touchesAreRecordedForTheHotSet() {
        h.ram.recordTouches();
        h.set(A1, DATA).set(A2, DATA + 0x1000).program(ld(A0, A1, 0), sd(A0, A2, 0));
        h.machine.run(2);

        assertThat(h.ram.touchedPages()).containsExactly(0, DATA_PAGE, DATA_PAGE + 1);
    }
}
