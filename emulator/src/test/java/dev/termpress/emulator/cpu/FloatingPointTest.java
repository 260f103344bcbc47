package dev.termpress.emulator.cpu;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FloatingPointTest {

    // Encodings from the GNU assembler; registers ft1=f1, ft2=f2, ft3=f3, ft4=f4.
    private static final int FADD_D_RNE = 0x022081d3;
    private static final int FADD_D_DYN = 0x0220f1d3;
    private static final int FADD_S_RTZ = 0x002091d3;
    private static final int FDIV_D_DYN = 0x1a20f1d3;
    private static final int FSQRT_D = 0x5a00f1d3;
    private static final int FMADD_D = 0x1a20f243;
    private static final int FMSUB_D = 0x1a20f247;
    private static final int FNMSUB_D = 0x1a20f24b;
    private static final int FNMADD_D = 0x1a20f24f;
    private static final int FMIN_D = 0x2a2081d3;
    private static final int FLT_D = 0xa2209553;
    private static final int FEQ_D = 0xa220a553;
    private static final int FCVT_W_D_RTZ = 0xc2009553;
    private static final int FCVT_WU_D_RTZ = 0xc2109553;
    private static final int FCVT_D_W = 0xd20581d3;
    private static final int FCVT_S_D = 0x4010f1d3;
    private static final int FCLASS_D = 0xe2009553;
    private static final int FLD_F1_8_A1 = 0x0085b087;
    private static final int FSW_F1_4_A1 = 0x0015a227;

    private static final long ONE = Double.doubleToRawLongBits(1.0);
    private static final long TWO = Double.doubleToRawLongBits(2.0);
    private static final long THREE = Double.doubleToRawLongBits(3.0);
    private static final long QUIET_NAN = 0x7ff8_0000_0000_0000L;

    private final Harness h = new Harness();

    FloatingPointTest() {
        h.cpu.setCsr(Csr.MSTATUS, 1L << 13); // FS = Initial
        h.cpu.setCsr(Csr.MTVEC, Harness.BASE + 0x800);
    }

    private Harness run(long f1, long f2, long f3, int... code) {
        h.cpu.setFreg(1, f1);
        h.cpu.setFreg(2, f2);
        h.cpu.setFreg(3, f3);
        h.cpu.setPc(Harness.BASE);
        h.program(code).step(code.length);
        return h;
    }

    private double f(int reg) {
        return Double.longBitsToDouble(h.cpu.freg(reg));
    }

    @Test
    void addSetsInexactAndDirtiesFs() {
        long third = Double.doubleToRawLongBits(1.0 / 3.0);
        run(third, ONE, 0, FADD_D_RNE);
        assertThat(f(3)).isEqualTo(1.0 / 3.0 + 1.0);
        assertThat(h.cpu.csr(Csr.FFLAGS)).isEqualTo(1); // NX
        assertThat(h.cpu.csr(Csr.MSTATUS) & Csr.MSTATUS_FS).isEqualTo(Csr.MSTATUS_FS_DIRTY);
    }

    @Test
    void dynamicRoundingUsesFrmAndReservedFrmIsIllegal() {
        h.cpu.setCsr(Csr.FRM, 3); // RUP; round-to-nearest would give exactly 1.0 / 3.0
        run(ONE, THREE, 0, FDIV_D_DYN);
        assertThat(f(3)).isGreaterThan(1.0 / 3.0);
        h.cpu.setCsr(Csr.FRM, 5);
        h.cpu.setPc(Harness.BASE);
        h.step(1);
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.ILLEGAL_INSTRUCTION);
        assertThat(h.cpu.csr(Csr.MTVAL)).isEqualTo(FDIV_D_DYN & 0xffff_ffffL);
    }

    @Test
    void fusedVariantsNegateTheRightOperands() {
        run(TWO, THREE, ONE, FMADD_D, 0x00020213 /* nop-ish addi x4 */);
        assertThat(f(4)).isEqualTo(7.0);
        Harness t = new Harness();
        t.cpu.setCsr(Csr.MSTATUS, 1L << 13);
        t.cpu.setFreg(1, TWO);
        t.cpu.setFreg(2, THREE);
        t.cpu.setFreg(3, ONE);
        t.program(FMSUB_D).step(1);
        assertThat(Double.longBitsToDouble(t.cpu.freg(4))).isEqualTo(5.0);
        t.cpu.setPc(Harness.BASE);
        t.program(FNMSUB_D).step(1);
        assertThat(Double.longBitsToDouble(t.cpu.freg(4))).isEqualTo(-5.0);
        t.cpu.setPc(Harness.BASE);
        t.program(FNMADD_D).step(1);
        assertThat(Double.longBitsToDouble(t.cpu.freg(4))).isEqualTo(-7.0);
    }

    @Test
    void sqrtOfNegativeIsInvalidCanonicalNan() {
        run(Double.doubleToRawLongBits(-4.0), 0, 0, FSQRT_D);
        assertThat(h.cpu.freg(3)).isEqualTo(QUIET_NAN);
        assertThat(h.cpu.csr(Csr.FFLAGS)).isEqualTo(16); // NV
    }

    @Test
    void minWithOneNanReturnsTheNumber() {
        run(QUIET_NAN, TWO, 0, FMIN_D);
        assertThat(f(3)).isEqualTo(2.0);
    }

    @Test
    void comparesWriteIntegerRegisters() {
        run(ONE, TWO, 0, FLT_D, FEQ_D);
        assertThat(h.x(A0)).isZero(); // feq overwrote flt's 1
        h.cpu.setPc(Harness.BASE);
        h.step(1);
        assertThat(h.x(A0)).isEqualTo(1);
    }

    @Test
    void conversionsSaturateAndSignExtend() {
        run(Double.doubleToRawLongBits(-1.5), 0, 0, FCVT_W_D_RTZ);
        assertThat(h.x(A0)).isEqualTo(-1);
        h.cpu.setFreg(1, Double.doubleToRawLongBits(3e9));
        h.cpu.setPc(Harness.BASE);
        h.step(1);
        assertThat(h.x(A0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(h.cpu.csr(Csr.FFLAGS) & 16).isNotZero();
        h.cpu.setPc(Harness.BASE);
        h.program(FCVT_WU_D_RTZ).step(1);
        assertThat(h.x(A0)).as("3e9 fits in 32 unsigned bits, sign-extended").isEqualTo((long) (int) 3_000_000_000L);
        h.set(A1, -7).program(FCVT_D_W);
        h.cpu.setPc(Harness.BASE);
        h.step(1);
        assertThat(f(3)).isEqualTo(-7.0);
    }

    @Test
    void singlesAreBoxedAfterArithmetic() {
        long oneS = FpUnit.box(Float.floatToRawIntBits(1.0f));
        long twoS = FpUnit.box(Float.floatToRawIntBits(2.0f));
        run(oneS, twoS, 0, FADD_S_RTZ);
        assertThat(h.cpu.freg(3)).isEqualTo(FpUnit.box(Float.floatToRawIntBits(3.0f)));
        run(Double.doubleToRawLongBits(0.1), 0, 0, FCVT_S_D);
        assertThat(h.cpu.freg(3)).isEqualTo(FpUnit.box(Float.floatToRawIntBits(0.1f)));
    }

    @Test
    void compressedFloatingPointLoadsAndStoresAdvanceByTwo() {
        long data = Harness.BASE + 0x1000;
        h.set(8, data); // s0
        h.cpu.setFreg(10, 0x0123_4567_89ab_cdefL);
        h.ram.store16(Harness.BASE, 0xa408); // c.fsd fa0, 8(s0)
        h.ram.store16(Harness.BASE + 2, 0x240c); // c.fld fa1, 8(s0)
        h.cpu.setPc(Harness.BASE);
        h.step(2);
        assertThat(h.ram.load64(data + 8)).isEqualTo(0x0123_4567_89ab_cdefL);
        assertThat(h.cpu.freg(11)).isEqualTo(0x0123_4567_89ab_cdefL);
        assertThat(h.cpu.pc()).isEqualTo(Harness.BASE + 4);
    }

    @Test
    void classifyAndLoadStore() {
        run(Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), 0, 0, FCLASS_D);
        assertThat(h.x(A0)).isEqualTo(1);
        long data = Harness.BASE + 0x1000;
        h.ram.store64(data + 8, 0x4045_0000_0000_0000L);
        h.set(A1, data);
        h.cpu.setPc(Harness.BASE);
        h.program(FLD_F1_8_A1, FSW_F1_4_A1).step(2);
        assertThat(f(1)).isEqualTo(42.0);
        assertThat(h.ram.load32(data + 4)).isZero(); // low word of 42.0
    }
}
