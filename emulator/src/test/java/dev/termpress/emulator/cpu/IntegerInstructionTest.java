package dev.termpress.emulator.cpu;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntegerInstructionTest {

    private final Harness h = new Harness();

    /** Runs one R-type instruction on a1, a2 and returns a0. */
    private long rOp(int funct7, int funct3, int opcode, long a, long b) {
        Harness t = new Harness();
        t.set(A1, a).set(A2, b).program(r(funct7, A2, A1, funct3, A0, opcode)).step(1);
        return t.x(A0);
    }

    @Test
    void addiLuiAndX0() {
        h.program(addi(A0, ZERO, -5), lui(A1, 0x80000), addi(ZERO, A0, 7), add(A2, A0, ZERO)).step(4);
        assertThat(h.x(A0)).isEqualTo(-5);
        assertThat(h.x(A1)).as("lui sign-extends").isEqualTo(0xffff_ffff_8000_0000L);
        assertThat(h.x(ZERO)).isZero();
        assertThat(h.x(A2)).isEqualTo(-5);
        assertThat(h.cpu.pc()).isEqualTo(Harness.BASE + 16);
    }

    @Test
    void auipcAddsPc() {
        h.program(NOP, (1 << 12) | (A0 << 7) | 0x17).step(2);
        assertThat(h.x(A0)).isEqualTo(Harness.BASE + 4 + 0x1000);
    }

    @Test
    void shiftsAndCompares() {
        assertThat(rOp(0, 1, 0x33, 1, 65)).as("sll uses low 6 bits").isEqualTo(2);
        assertThat(rOp(0, 5, 0x33, -8, 1)).as("srl").isEqualTo(0x7fff_ffff_ffff_fffcL);
        assertThat(rOp(0x20, 5, 0x33, -8, 1)).as("sra").isEqualTo(-4);
        assertThat(rOp(0, 2, 0x33, -1, 0)).as("slt").isEqualTo(1);
        assertThat(rOp(0, 3, 0x33, -1, 0)).as("sltu").isEqualTo(0);
        assertThat(rOp(0x20, 0, 0x33, 3, 5)).as("sub").isEqualTo(-2);
        assertThat(rOp(0, 1, 0x3b, 0x4000_0000L, 1)).as("sllw sign-extends").isEqualTo(0xffff_ffff_8000_0000L);
        assertThat(rOp(0, 5, 0x3b, 0x8000_0000L, 31)).as("srlw").isEqualTo(1);
        assertThat(rOp(0x20, 5, 0x3b, 0x8000_0000L, 31)).as("sraw").isEqualTo(-1);
        assertThat(rOp(0, 0, 0x3b, 0x7fff_ffffL, 1)).as("addw wraps").isEqualTo(0xffff_ffff_8000_0000L);
    }

    @Test
    void immediateShiftsRejectReservedBits() {
        h.program(i(0x800 | 1, A1, 1, A0, 0x13)).step(1); // slli with imm[11] set
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.ILLEGAL_INSTRUCTION);
        Harness t = new Harness();
        t.set(A1, -16).program(i(0x400 | 2, A1, 5, A0, 0x13), i(0x400 | 3, A1, 5, A2, 0x1b)).step(2);
        assertThat(t.x(A0)).as("srai").isEqualTo(-4);
        assertThat(t.x(A2)).as("sraiw").isEqualTo(-2);
    }

    @Test
    void divisionEdgeCasesFollowTheSpec() {
        assertThat(rOp(1, 4, 0x33, 7, 0)).as("div by zero").isEqualTo(-1);
        assertThat(rOp(1, 5, 0x33, 7, 0)).as("divu by zero").isEqualTo(-1);
        assertThat(rOp(1, 6, 0x33, 7, 0)).as("rem by zero").isEqualTo(7);
        assertThat(rOp(1, 7, 0x33, 7, 0)).as("remu by zero").isEqualTo(7);
        assertThat(rOp(1, 4, 0x33, Long.MIN_VALUE, -1)).as("div overflow").isEqualTo(Long.MIN_VALUE);
        assertThat(rOp(1, 6, 0x33, Long.MIN_VALUE, -1)).as("rem overflow").isZero();
        assertThat(rOp(1, 4, 0x3b, 0x8000_0000L, -1)).as("divw overflow").isEqualTo(Integer.MIN_VALUE);
        assertThat(rOp(1, 6, 0x3b, 0x8000_0000L, -1)).as("remw overflow").isZero();
        assertThat(rOp(1, 5, 0x3b, 5, 0)).as("divuw by zero").isEqualTo(-1);
        assertThat(rOp(1, 7, 0x3b, 0x8000_0005L, 0)).as("remuw by zero").isEqualTo(0xffff_ffff_8000_0005L);
        assertThat(rOp(1, 4, 0x33, -7, 2)).as("div truncates").isEqualTo(-3);
        assertThat(rOp(1, 6, 0x33, -7, 2)).as("rem sign follows dividend").isEqualTo(-1);
    }

    @Test
    void multiplyHighMatchesBigInteger() {
        Random random = new Random(42);
        BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        long[] special = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xffff_ffffL, 1L << 32};
        for (int n = 0; n < 2000; n++) {
            long a = n < 49 ? special[n % 7] : random.nextLong();
            long b = n < 49 ? special[n / 7] : random.nextLong();
            BigInteger sa = BigInteger.valueOf(a);
            BigInteger sb = BigInteger.valueOf(b);
            BigInteger ua = sa.and(mask);
            BigInteger ub = sb.and(mask);
            assertThat(IntMath.mulh(a, b)).isEqualTo(sa.multiply(sb).shiftRight(64).longValue());
            assertThat(IntMath.mulhu(a, b)).isEqualTo(ua.multiply(ub).shiftRight(64).longValue());
            assertThat(IntMath.mulhsu(a, b)).isEqualTo(sa.multiply(ub).shiftRight(64).longValue());
        }
        assertThat(rOp(1, 3, 0x33, -1, -1)).as("mulhu via the interpreter").isEqualTo(-2);
        assertThat(rOp(1, 0, 0x3b, 0x10000, 0x10000)).as("mulw").isZero();
    }

    @Test
    void unsignedDivisionMatchesTheJdk() {
        Random random = new Random(7);
        long[] special = {1, 2, 3, -1, -2, Long.MIN_VALUE, Long.MAX_VALUE, 0xffff_ffffL};
        for (int n = 0; n < 5000; n++) {
            long a = n < 64 ? special[n % 8] : random.nextLong();
            long b = n < 64 ? special[n / 8] : random.nextLong() >>> random.nextInt(64);
            if (b == 0) {
                continue;
            }
            assertThat(IntMath.divu(a, b)).isEqualTo(Long.divideUnsigned(a, b));
            assertThat(IntMath.remu(a, b)).isEqualTo(Long.remainderUnsigned(a, b));
            if ((int) b != 0) {
                assertThat(IntMath.divuw(a, b)).isEqualTo((long) Integer.divideUnsigned((int) a, (int) b));
                assertThat(IntMath.remuw(a, b)).isEqualTo((long) Integer.remainderUnsigned((int) a, (int) b));
            }
        }
    }

    @Test
    void loadsExtendAndStoresWriteTheRightBytes() {
        long data = Harness.BASE + 0x1000;
        h.ram.store64(data, 0x8182_8384_8586_8788L);
        h.set(A1, data).program(
                i(0, A1, 0, A0, 0x03), // lb
                i(0, A1, 4, A2, 0x03), // lbu
                i(2, A1, 1, A3, 0x03), // lh at +2
                i(4, A1, 6, T0, 0x03), // lwu at +4
                i(4, A1, 2, T1, 0x03), // lw at +4
                ld(T2, A1, 0),
                s(9, A0, A1, 0, 0x23) // sb at +9
        ).step(7);
        assertThat(h.x(A0)).isEqualTo((byte) 0x88);
        assertThat(h.x(A2)).isEqualTo(0x88);
        assertThat(h.x(A3)).isEqualTo((short) 0x8586);
        assertThat(h.x(T0)).isEqualTo(0x8182_8384L);
        assertThat(h.x(T1)).isEqualTo(0xffff_ffff_8182_8384L);
        assertThat(h.x(T2)).isEqualTo(0x8182_8384_8586_8788L);
        assertThat(h.ram.load8(data + 9)).isEqualTo(0x88);
        assertThat(h.ram.load8(data + 8)).isZero();
    }

    @Test
    void misalignedAccessesAreEmulated() {
        long data = Harness.BASE + 0x1ffd; // an 8-byte access here crosses into the next page
        h.set(A1, data).set(A2, 0x1122_3344_5566_7788L).program(sd(A2, A1, 0), ld(A0, A1, 0), lw(A3, A1, 1)).step(3);
        assertThat(h.x(A0)).isEqualTo(0x1122_3344_5566_7788L);
        assertThat(h.x(A3)).isEqualTo(0x4455_6677L);
        assertThat(h.ram.load8(data)).isEqualTo(0x88);
        assertThat(h.ram.load8(data + 7)).isEqualTo(0x11);
    }

    @Test
    void branchesAndJumps() {
        h.set(A1, 1).set(A2, -1).program(
                b(8, A2, A1, 6), // bltu 1 < 0xff..ff → taken, skip next
                addi(A0, ZERO, 99),
                b(8, A2, A1, 4), // blt 1 < -1 false
                j(8, RA), // jal ra, +8
                addi(A0, ZERO, 98),
                jalr(T0, RA, 0) // back to the addi 98
        ).step(4);
        assertThat(h.x(A0)).isZero();
        assertThat(h.x(RA)).isEqualTo(Harness.BASE + 16);
        assertThat(h.x(T0)).isEqualTo(Harness.BASE + 24);
        assertThat(h.cpu.pc()).isEqualTo(Harness.BASE + 16);
        h.step(1);
        assertThat(h.x(A0)).isEqualTo(98);
    }

    @Test
    void compressedJumpLinksTheNextHalfword() {
        h.ram.store16(Harness.BASE, 0x9282); // c.jalr t0
        h.set(T0, Harness.BASE + 0x40).step(1);
        assertThat(h.x(RA)).isEqualTo(Harness.BASE + 2);
        assertThat(h.cpu.pc()).isEqualTo(Harness.BASE + 0x40);
    }

    @Test
    void instructionSpanningAPageIsFetched() {
        long at = Harness.BASE + 0xffe;
        h.ram.store16(at, addi(A0, ZERO, 5) & 0xffff);
        h.ram.store16(at + 2, addi(A0, ZERO, 5) >>> 16);
        h.cpu.setPc(at);
        h.step(1);
        assertThat(h.x(A0)).isEqualTo(5);
        assertThat(h.cpu.pc()).isEqualTo(at + 4);
    }

    @Test
    void illegalInstructionsTrapWithTheirBits() {
        h.cpu.setCsr(Csr.MTVEC, Harness.BASE + 0x100);
        h.program(0xffff_ffff).step(1);
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.ILLEGAL_INSTRUCTION);
        assertThat(h.cpu.csr(Csr.MTVAL)).isEqualTo(0xffff_ffffL);
        assertThat(h.cpu.csr(Csr.MEPC)).isEqualTo(Harness.BASE);
        assertThat(h.cpu.pc()).isEqualTo(Harness.BASE + 0x100);

        Harness c = new Harness();
        c.ram.store16(Harness.BASE, 0); // the all-zero compressed instruction
        c.step(1);
        assertThat(c.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.ILLEGAL_INSTRUCTION);
        assertThat(c.cpu.csr(Csr.MTVAL)).isZero();
    }

    @Test
    void fenceIsANoOpAndFenceIAccepted() {
        h.program(0x0ff0000f, 0x0000100f, addi(A0, ZERO, 1)).step(3);
        assertThat(h.x(A0)).isEqualTo(1);
    }
}
