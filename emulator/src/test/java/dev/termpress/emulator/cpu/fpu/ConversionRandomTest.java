package dev.termpress.emulator.cpu.fpu;

import static dev.termpress.emulator.cpu.fpu.ExactReference.F32;
import static dev.termpress.emulator.cpu.fpu.ExactReference.F64;

import dev.termpress.emulator.cpu.fpu.ExactReference.Format;
import dev.termpress.emulator.cpu.fpu.ExactReference.Result;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** FCVT in every direction, format and rounding mode against the exact reference. */
class ConversionRandomTest {

    /** Scale up for a soak run: -Dfpu.randomCases=100000. */
    private static final int CASES_PER_MODE = Integer.getInteger("fpu.randomCases", 2000);
    private static final long LOW32 = 0xffff_ffffL;

    private static final BigInteger W_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger W_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger WU_MAX = BigInteger.valueOf(LOW32);
    private static final BigInteger L_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger L_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger LU_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    interface ToInt {
        long apply(SoftFloat sf, long a, int rm);
    }

    /** Values near integers and near the integer ranges' bounds, plus the usual operands. */
    private static long intLikeOperand(Operands ops, Format f) {
        if (ops.nextInt(2) == 0) {
            return ops.next();
        }
        int magnitudeBits = ops.nextInt(66);
        int exp = magnitudeBits - 1;
        long fraction = ops.nextInt(2) == 0 ? ops.nextLong() : ops.nextLong() >>> ops.nextInt(64) << ops.nextInt(64);
        long field = f.bias() + exp;
        return f.zero(ops.nextInt(2)) | (field << f.fb()) | (fraction & ((1L << f.fb()) - 1));
    }

    private static void checkToInt(String name, Format f, ToInt impl, BigInteger min, BigInteger max,
            boolean word, long seed) {
        Operands ops = new Operands(seed, f);
        Mismatches mismatches = new Mismatches();
        for (int rm = 0; rm < 5; rm++) {
            for (int i = 0; i < CASES_PER_MODE; i++) {
                long a = intLikeOperand(ops, f);
                SoftFloat sf = new SoftFloat();
                long got = impl.apply(sf, a, rm);
                Result ref = ExactReference.toInt(a, rm, f, min, max);
                // RV64 writes 32-bit results sign-extended.
                Result expected = word ? new Result((int) ref.bits(), ref.flags()) : ref;
                int mode = rm;
                mismatches.check(got, sf.flags, expected, () -> name + "(" + Long.toHexString(a) + ") rm " + mode);
            }
        }
        mismatches.assertNone();
    }

    @Test
    void doubleToIntegers() {
        checkToInt("cvtW64", F64, SoftFloat::cvtW64, W_MIN, W_MAX, true, 1);
        checkToInt("cvtWU64", F64, SoftFloat::cvtWU64, BigInteger.ZERO, WU_MAX, true, 2);
        checkToInt("cvtL64", F64, SoftFloat::cvtL64, L_MIN, L_MAX, false, 3);
        checkToInt("cvtLU64", F64, SoftFloat::cvtLU64, BigInteger.ZERO, LU_MAX, false, 4);
    }

    @Test
    void floatToIntegers() {
        checkToInt("cvtW32", F32, (sf, a, rm) -> sf.cvtW32((int) a, rm), W_MIN, W_MAX, true, 5);
        checkToInt("cvtWU32", F32, (sf, a, rm) -> sf.cvtWU32((int) a, rm), BigInteger.ZERO, WU_MAX, true, 6);
        checkToInt("cvtL32", F32, (sf, a, rm) -> sf.cvtL32((int) a, rm), L_MIN, L_MAX, false, 7);
        checkToInt("cvtLU32", F32, (sf, a, rm) -> sf.cvtLU32((int) a, rm), BigInteger.ZERO, LU_MAX, false, 8);
    }

    interface FromInt {
        long apply(SoftFloat sf, long v, int rm);
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    /** Integers with a random number of significant bits, so that both exact and rounded cases occur. */
    private static long randomInteger(Operands ops) {
        long v = ops.nextLong() >>> ops.nextInt(64);
        return ops.nextInt(4) == 0 ? v << ops.nextInt(64) : v * (ops.nextInt(2) == 0 ? 1 : -1);
    }

    @Test
    void integersToFloats() {
        Operands ops = new Operands(9, F64);
        Mismatches mismatches = new Mismatches();
        for (int rm = 0; rm < 5; rm++) {
            for (int i = 0; i < CASES_PER_MODE; i++) {
                long v = randomInteger(ops);
                int mode = rm;
                SoftFloat sf = new SoftFloat();
                mismatches.check(sf.cvt64FromL(v, rm), sf.flags, ExactReference.fromInt(BigInteger.valueOf(v), rm, F64),
                        () -> "cvt64FromL(" + v + ") rm " + mode);
                sf = new SoftFloat();
                mismatches.check(sf.cvt64FromLU(v, rm), sf.flags, ExactReference.fromInt(unsigned(v), rm, F64),
                        () -> "cvt64FromLU(" + v + ") rm " + mode);
                sf = new SoftFloat();
                mismatches.check(sf.cvt64FromW(v, rm), sf.flags, ExactReference.fromInt(BigInteger.valueOf((int) v), rm, F64),
                        () -> "cvt64FromW(" + v + ") rm " + mode);
                sf = new SoftFloat();
                mismatches.check(sf.cvt64FromWU(v, rm), sf.flags, ExactReference.fromInt(BigInteger.valueOf(v & LOW32), rm, F64),
                        () -> "cvt64FromWU(" + v + ") rm " + mode);
                sf = new SoftFloat();
                mismatches.check(sf.cvt32FromL(v, rm) & LOW32, sf.flags, ExactReference.fromInt(BigInteger.valueOf(v), rm, F32),
                        () -> "cvt32FromL(" + v + ") rm " + mode);
                sf = new SoftFloat();
                mismatches.check(sf.cvt32FromLU(v, rm) & LOW32, sf.flags, ExactReference.fromInt(unsigned(v), rm, F32),
                        () -> "cvt32FromLU(" + v + ") rm " + mode);
                sf = new SoftFloat();
                mismatches.check(sf.cvt32FromW(v, rm) & LOW32, sf.flags, ExactReference.fromInt(BigInteger.valueOf((int) v), rm, F32),
                        () -> "cvt32FromW(" + v + ") rm " + mode);
                sf = new SoftFloat();
                mismatches.check(sf.cvt32FromWU(v, rm) & LOW32, sf.flags, ExactReference.fromInt(BigInteger.valueOf(v & LOW32), rm, F32),
                        () -> "cvt32FromWU(" + v + ") rm " + mode);
            }
        }
        mismatches.assertNone();
    }

    @Test
    void betweenFormats() {
        Operands doubles = new Operands(10, F64);
        Operands floats = new Operands(11, F32);
        Mismatches mismatches = new Mismatches();
        for (int rm = 0; rm < 5; rm++) {
            for (int i = 0; i < CASES_PER_MODE; i++) {
                long d = doubles.next();
                // Doubles whose exponent falls in or just outside binary32's range.
                long nearFloatRange = (d & 0x800f_ffff_ffff_ffffL) | ((long) (1023 - 160 + doubles.nextInt(300)) << 52);
                long a = doubles.nextInt(2) == 0 ? d : nearFloatRange;
                int mode = rm;
                SoftFloat sf = new SoftFloat();
                mismatches.check(sf.cvt32From64(a, rm) & LOW32, sf.flags, ExactReference.convert(a, rm, F64, F32),
                        () -> "cvt32From64(" + Long.toHexString(a) + ") rm " + mode);
                long s = floats.next();
                sf = new SoftFloat();
                mismatches.check(sf.cvt64From32((int) s), sf.flags, ExactReference.convert(s, rm, F32, F64),
                        () -> "cvt64From32(" + Long.toHexString(s) + ")");
            }
        }
        mismatches.assertNone();
    }
}
