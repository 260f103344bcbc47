package dev.termpress.emulator.cpu.fpu;

import static dev.termpress.emulator.cpu.fpu.FloatBits.F32_EXP;
import static dev.termpress.emulator.cpu.fpu.FloatBits.F32_FRAC;
import static dev.termpress.emulator.cpu.fpu.FloatBits.F64_EXP;
import static dev.termpress.emulator.cpu.fpu.FloatBits.F64_FRAC;

/**
 * IEEE 754 binary32/binary64 arithmetic on raw bits for the RISC-V F and D extensions, with every
 * static rounding mode and RISC-V's exception flags, NaN rules and integer-conversion saturation.
 *
 * <p>Integer significand arithmetic with exact host fast paths for binary64, no allocation, no
 * exceptions and no integer division (DESIGN §5): safe under TeaVM's WebAssembly GC backend. The
 * caller resolves the dynamic rounding mode and rejects 5 and 6. One instance per hart;
 * {@link #flags} accumulates like {@code fflags}.
 */
public final class SoftFloat {

    /** fflags bit: inexact (RISC-V unprivileged spec §11.2, "Accrued exception flag encoding"). */
    public static final int NX = 1;
    /** fflags bit: underflow. */
    public static final int UF = 1 << 1;
    /** fflags bit: overflow. */
    public static final int OF = 1 << 2;
    /** fflags bit: divide by zero. */
    public static final int DZ = 1 << 3;
    /** fflags bit: invalid operation. */
    public static final int NV = 1 << 4;

    /** Rounding mode: to nearest, ties to even (RISC-V unprivileged spec §11.2, "Rounding mode encoding"). */
    public static final int RNE = 0;
    /** Rounding mode: towards zero. */
    public static final int RTZ = 1;
    /** Rounding mode: down, towards negative infinity. */
    public static final int RDN = 2;
    /** Rounding mode: up, towards positive infinity. */
    public static final int RUP = 3;
    /** Rounding mode: to nearest, ties away from zero (max magnitude). */
    public static final int RMM = 4;

    /** Canonical binary64 NaN (RISC-V unprivileged spec §11.3). */
    public static final long CANONICAL_NAN_64 = 0x7ff8_0000_0000_0000L;
    /** Canonical binary32 NaN (RISC-V unprivileged spec §11.3). */
    public static final int CANONICAL_NAN_32 = 0x7fc0_0000;

    private static final long SIGN_64 = 1L << 63;
    private static final int SIGN_32 = 1 << 31;
    private static final long LOW32 = 0xffff_ffffL;

    /** Upper half of a properly NaN-boxed binary32 value (RISC-V unprivileged spec §12.2). */
    private static final long BOX = 0xffff_ffff_0000_0000L;

    /** Accrued exception flags (NX, UF, OF, DZ, NV), never cleared by this class. */
    public int flags;

    // ---- register helpers: pure bit operations, never rounding, never raising flags ----

    /** NaN-boxes a binary32 value for a 64-bit f register. */
    public static long box32(int a) {
        return BOX | (a & LOW32);
    }

    /** The binary32 value in a 64-bit f register; an improperly boxed value reads as the canonical NaN. */
    public static int unbox32(long register) {
        return (register & BOX) == BOX ? (int) register : CANONICAL_NAN_32;
    }

    /** FSGNJ.D: magnitude of a, sign of b (on raw bits: Java's negation would drop a NaN's sign). */
    public static long sgnj64(long a, long b) {
        return (a & ~SIGN_64) | (b & SIGN_64);
    }

    /** FSGNJN.D: magnitude of a, opposite sign of b. */
    public static long sgnjn64(long a, long b) {
        return (a & ~SIGN_64) | (~b & SIGN_64);
    }

    /** FSGNJX.D: magnitude of a, sign of a XOR sign of b. */
    public static long sgnjx64(long a, long b) {
        return a ^ (b & SIGN_64);
    }

    /** FSGNJ.S. */
    public static int sgnj32(int a, int b) {
        return (a & ~SIGN_32) | (b & SIGN_32);
    }

    /** FSGNJN.S. */
    public static int sgnjn32(int a, int b) {
        return (a & ~SIGN_32) | (~b & SIGN_32);
    }

    /** FSGNJX.S. */
    public static int sgnjx32(int a, int b) {
        return a ^ (b & SIGN_32);
    }

    // ---- binary64 ----

    /** a + b. */
    public long add64(long a, long b, int rm) {
        long r = HardwareFastPath.add(this, a, b, rm);
        return r != HardwareFastPath.NOT_HANDLED ? r : Arithmetic.add(this, a, b, rm, F64_FRAC, F64_EXP);
    }

    /** a - b. */
    public long sub64(long a, long b, int rm) {
        return add64(a, b ^ SIGN_64, rm);
    }

    /** a * b. */
    public long mul64(long a, long b, int rm) {
        long r = HardwareFastPath.mul(this, a, b, rm);
        return r != HardwareFastPath.NOT_HANDLED ? r : Arithmetic.mul(this, a, b, rm, F64_FRAC, F64_EXP);
    }

    /** a / b. */
    public long div64(long a, long b, int rm) {
        long r = HardwareFastPath.div(this, a, b, rm);
        return r != HardwareFastPath.NOT_HANDLED ? r : Arithmetic.div(this, a, b, rm, F64_FRAC, F64_EXP);
    }

    /** Correctly rounded square root. */
    public long sqrt64(long a, int rm) {
        long r = HardwareFastPath.sqrt(this, a, rm);
        return r != HardwareFastPath.NOT_HANDLED ? r : Arithmetic.sqrt(this, a, rm, F64_FRAC, F64_EXP);
    }

    /** a * b + c with a single rounding. */
    public long fma64(long a, long b, long c, int rm) {
        return FusedMultiplyAdd.fma(this, a, b, c, rm, F64_FRAC, F64_EXP);
    }

    /** FMIN.D. */
    public long min64(long a, long b) {
        return Comparisons.minMax(this, a, b, false, F64_FRAC, F64_EXP);
    }

    /** FMAX.D. */
    public long max64(long a, long b) {
        return Comparisons.minMax(this, a, b, true, F64_FRAC, F64_EXP);
    }

    /** FEQ.D (quiet). */
    public boolean eq64(long a, long b) {
        return Comparisons.eq(this, a, b, F64_FRAC, F64_EXP);
    }

    /** FLT.D (signaling). */
    public boolean lt64(long a, long b) {
        return Comparisons.lt(this, a, b, F64_FRAC, F64_EXP);
    }

    /** FLE.D (signaling). */
    public boolean le64(long a, long b) {
        return Comparisons.le(this, a, b, F64_FRAC, F64_EXP);
    }

    /** FCLASS.D: a one-hot 10-bit mask. */
    public static int classify64(long a) {
        return Comparisons.classify(a, F64_FRAC, F64_EXP);
    }

    /** FCVT.W.D, sign-extended to 64 bits. */
    public long cvtW64(long a, int rm) {
        return Conversions.toInt(this, a, rm, true, 32, F64_FRAC, F64_EXP);
    }

    /** FCVT.WU.D, sign-extended to 64 bits. */
    public long cvtWU64(long a, int rm) {
        return Conversions.toInt(this, a, rm, false, 32, F64_FRAC, F64_EXP);
    }

    /** FCVT.L.D. */
    public long cvtL64(long a, int rm) {
        return Conversions.toInt(this, a, rm, true, 64, F64_FRAC, F64_EXP);
    }

    /** FCVT.LU.D. */
    public long cvtLU64(long a, int rm) {
        return Conversions.toInt(this, a, rm, false, 64, F64_FRAC, F64_EXP);
    }

    /** FCVT.D.W from the low 32 bits of v. */
    public long cvt64FromW(long v, int rm) {
        return Conversions.fromInt(this, (int) v, true, rm, F64_FRAC, F64_EXP);
    }

    /** FCVT.D.WU from the low 32 bits of v. */
    public long cvt64FromWU(long v, int rm) {
        return Conversions.fromInt(this, v & LOW32, false, rm, F64_FRAC, F64_EXP);
    }

    /** FCVT.D.L. */
    public long cvt64FromL(long v, int rm) {
        return Conversions.fromInt(this, v, true, rm, F64_FRAC, F64_EXP);
    }

    /** FCVT.D.LU. */
    public long cvt64FromLU(long v, int rm) {
        return Conversions.fromInt(this, v, false, rm, F64_FRAC, F64_EXP);
    }

    /** FCVT.D.S: exact; a NaN becomes the canonical NaN. */
    public long cvt64From32(int a) {
        return Conversions.convert(this, a & LOW32, RNE, F32_FRAC, F32_EXP, F64_FRAC, F64_EXP);
    }

    /** FCVT.S.D. */
    public int cvt32From64(long a, int rm) {
        return (int) Conversions.convert(this, a, rm, F64_FRAC, F64_EXP, F32_FRAC, F32_EXP);
    }

    // ---- binary32 ----

    /** a + b. */
    public int add32(int a, int b, int rm) {
        return (int) Arithmetic.add(this, a & LOW32, b & LOW32, rm, F32_FRAC, F32_EXP);
    }

    /** a - b. */
    public int sub32(int a, int b, int rm) {
        return (int) Arithmetic.add(this, a & LOW32, (b ^ SIGN_32) & LOW32, rm, F32_FRAC, F32_EXP);
    }

    /** a * b. */
    public int mul32(int a, int b, int rm) {
        return (int) Arithmetic.mul(this, a & LOW32, b & LOW32, rm, F32_FRAC, F32_EXP);
    }

    /** a / b. */
    public int div32(int a, int b, int rm) {
        return (int) Arithmetic.div(this, a & LOW32, b & LOW32, rm, F32_FRAC, F32_EXP);
    }

    /** Correctly rounded square root. */
    public int sqrt32(int a, int rm) {
        return (int) Arithmetic.sqrt(this, a & LOW32, rm, F32_FRAC, F32_EXP);
    }

    /** a * b + c with a single rounding. */
    public int fma32(int a, int b, int c, int rm) {
        return (int) FusedMultiplyAdd.fma(this, a & LOW32, b & LOW32, c & LOW32, rm, F32_FRAC, F32_EXP);
    }

    /** FMIN.S. */
    public int min32(int a, int b) {
        return (int) Comparisons.minMax(this, a & LOW32, b & LOW32, false, F32_FRAC, F32_EXP);
    }

    /** FMAX.S. */
    public int max32(int a, int b) {
        return (int) Comparisons.minMax(this, a & LOW32, b & LOW32, true, F32_FRAC, F32_EXP);
    }

    /** FEQ.S (quiet). */
    public boolean eq32(int a, int b) {
        return Comparisons.eq(this, a & LOW32, b & LOW32, F32_FRAC, F32_EXP);
    }

    /** FLT.S (signaling). */
    public boolean lt32(int a, int b) {
        return Comparisons.lt(this, a & LOW32, b & LOW32, F32_FRAC, F32_EXP);
    }

    /** FLE.S (signaling). */
    public boolean le32(int a, int b) {
        return Comparisons.le(this, a & LOW32, b & LOW32, F32_FRAC, F32_EXP);
    }

    /** FCLASS.S: a one-hot 10-bit mask. */
    public static int classify32(int a) {
        return Comparisons.classify(a & LOW32, F32_FRAC, F32_EXP);
    }

    /** FCVT.W.S, sign-extended to 64 bits. */
    public long cvtW32(int a, int rm) {
        return Conversions.toInt(this, a & LOW32, rm, true, 32, F32_FRAC, F32_EXP);
    }

    /** FCVT.WU.S, sign-extended to 64 bits. */
    public long cvtWU32(int a, int rm) {
        return Conversions.toInt(this, a & LOW32, rm, false, 32, F32_FRAC, F32_EXP);
    }

    /** FCVT.L.S. */
    public long cvtL32(int a, int rm) {
        return Conversions.toInt(this, a & LOW32, rm, true, 64, F32_FRAC, F32_EXP);
    }

    /** FCVT.LU.S. */
    public long cvtLU32(int a, int rm) {
        return Conversions.toInt(this, a & LOW32, rm, false, 64, F32_FRAC, F32_EXP);
    }

    /** FCVT.S.W from the low 32 bits of v. */
    public int cvt32FromW(long v, int rm) {
        return (int) Conversions.fromInt(this, (int) v, true, rm, F32_FRAC, F32_EXP);
    }

    /** FCVT.S.WU from the low 32 bits of v. */
    public int cvt32FromWU(long v, int rm) {
        return (int) Conversions.fromInt(this, v & LOW32, false, rm, F32_FRAC, F32_EXP);
    }

    /** FCVT.S.L. */
    public int cvt32FromL(long v, int rm) {
        return (int) Conversions.fromInt(this, v, true, rm, F32_FRAC, F32_EXP);
    }

    /** FCVT.S.LU. */
    public int cvt32FromLU(long v, int rm) {
        return (int) Conversions.fromInt(this, v, false, rm, F32_FRAC, F32_EXP);
    }
}
