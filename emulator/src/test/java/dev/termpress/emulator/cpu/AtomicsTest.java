package dev.termpress.emulator.cpu;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AtomicsTest {

    private static final long DATA = Harness.BASE + 0x1000;
    private final Harness h = new Harness();

    @Test
    void lrScSucceedsOnceThenFails() {
        h.ram.store64(DATA, 10);
        h.set(A1, DATA).set(A2, 20).program(
                amo(0x02, 3, A0, A1, 0), // lr.d a0, (a1)
                amo(0x03, 3, A3, A1, A2), // sc.d a3, a2, (a1)
                amo(0x03, 3, T0, A1, A2)) // sc.d again: no reservation
                .step(3);
        assertThat(h.x(A0)).isEqualTo(10);
        assertThat(h.x(A3)).isZero();
        assertThat(h.x(T0)).isEqualTo(1);
        assertThat(h.ram.load64(DATA)).isEqualTo(20);
    }

    @Test
    void amosReturnTheOldValueAndStoreTheResult() {
        h.ram.store32(DATA, -5);
        h.set(A1, DATA).set(A2, 3).program(
                amo(0x00, 2, A0, A1, A2), // amoadd.w: -5 + 3
                amo(0x18, 2, A3, A1, A2), // amominu.w: min(0xfffffffe, 3) unsigned
                amo(0x14, 2, T0, A1, A2)) // amomax.w: max(3, 3)
                .step(3);
        assertThat(h.x(A0)).isEqualTo(-5);
        assertThat(h.x(A3)).as("old value sign-extended").isEqualTo(-2);
        assertThat(h.x(T0)).isEqualTo(3);
        assertThat(h.ram.load32(DATA)).isEqualTo(3);
    }

    @Test
    void misalignedAmoTraps() {
        h.cpu.setCsr(Csr.MTVEC, Harness.BASE + 0x800);
        h.set(A1, DATA + 4).program(amo(0x01, 3, A0, A1, A2)).step(1);
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.STORE_MISALIGNED);
        assertThat(h.cpu.csr(Csr.MTVAL)).isEqualTo(DATA + 4);
    }

    @Test
    void lrWithNonZeroRs2IsIllegal() {
        h.set(A1, DATA).program(amo(0x02, 3, A0, A1, A2)).step(1);
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.ILLEGAL_INSTRUCTION);
    }
}
