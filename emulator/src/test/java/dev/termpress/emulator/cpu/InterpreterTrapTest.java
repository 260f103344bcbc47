package dev.termpress.emulator.cpu;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Traps raised inside the interpreter loop leave fetch and data translation consistent. */
class InterpreterTrapTest {

    private static final long BASE = Harness.BASE;
    /** A virtual page that is also a RAM address, mapped (Sv39) to other physical code. */
    private static final long VA = BASE + 0x40_000;
    private static final long CODE = BASE + 0x30_000;
    private static final long ROOT = BASE + 0x10_000;
    private static final long MIDDLE = BASE + 0x11_000;
    private static final long LEAF = BASE + 0x12_000;
    private static final long V = 1;
    private static final long R = 2;
    private static final long X = 8;
    private static final long A = 64;
    /** OP-32 with a reserved funct7: decoded as OP_32, found illegal by IntMath. */
    private static final int ILLEGAL_OP_32 = r(0x7f, 0, 0, 0, 0, 0x3b);

    private final Harness h = new Harness();

    private static long pte(long pa, long flags) {
        return ((pa >>> 12) << 10) | flags;
    }

    @Test
    void illegalOp32WhoseHandlerIsTheNextAddressFetchesUnderTheNewPrivilege() {
        h.ram.store64(ROOT + 8 * (VA >>> 30), pte(MIDDLE, V));
        h.ram.store64(MIDDLE + 8 * ((VA >>> 21) & 0x1ff), pte(LEAF, V));
        h.ram.store64(LEAF + 8 * ((VA >>> 12) & 0x1ff), pte(CODE, V | R | X | A));
        h.code(CODE, ILLEGAL_OP_32, addi(A0, ZERO, 1)); // the S-mode view of VA
        h.code(VA, NOP, addi(A0, ZERO, 2)); // what M-mode, untranslated, finds at VA
        h.cpu.setCsr(Csr.SATP, (Csr.SATP_MODE_SV39 << 60) | (ROOT >>> 12));
        h.cpu.setCsr(Csr.MTVEC, VA + 4); // the handler starts where the next instruction would
        h.cpu.setPrivilege(Cpu.PRIV_S);
        h.cpu.setPc(VA);
        h.step(2);
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.ILLEGAL_INSTRUCTION);
        assertThat(h.cpu.privilege()).isEqualTo(Cpu.PRIV_M);
        assertThat(h.x(A0)).as("the handler ran from physical VA + 4").isEqualTo(2);
    }
}
