package dev.termpress.emulator.cpu.fpu;

import static dev.termpress.emulator.cpu.fpu.ExactReference.F32;
import static dev.termpress.emulator.cpu.fpu.ExactReference.F64;

import dev.termpress.emulator.cpu.fpu.ExactReference.Format;
import dev.termpress.emulator.cpu.fpu.ExactReference.Result;
import org.junit.jupiter.api.Test;

/** Every arithmetic operation, format and rounding mode against the exact BigInteger reference. */
class ArithmeticRandomTest {

    /** Scale up for a soak run: -Dfpu.randomCases=100000. */
    private static final int CASES_PER_MODE = Integer.getInteger("fpu.randomCases", 2000);
    private static final long LOW32 = 0xffff_ffffL;
    private static final String[] MODES = {"RNE", "RTZ", "RDN", "RUP", "RMM"};

    interface Binary {
        long apply(SoftFloat sf, long a, long b, int rm);
    }

    interface BinaryReference {
        Result apply(long a, long b, int rm, Format f);
    }

    private static void checkBinary(String name, Format f, Binary impl, BinaryReference ref, long seed) {
        Operands ops = new Operands(seed, f);
        Mismatches mismatches = new Mismatches();
        for (int rm = 0; rm < 5; rm++) {
            for (int i = 0; i < CASES_PER_MODE; i++) {
                long a = ops.next();
                long b = ops.nextInt(2) == 0 ? ops.near(a) : ops.next();
                SoftFloat sf = new SoftFloat();
                long got = impl.apply(sf, a, b, rm);
                int mode = rm;
                mismatches.check(got, sf.flags, ref.apply(a, b, rm, f),
                        () -> String.format("%s(%x, %x) %s", name, a, b, MODES[mode]));
            }
        }
        mismatches.assertNone();
    }

    @Test
    void add64() {
        checkBinary("add64", F64, (sf, a, b, rm) -> sf.add64(a, b, rm), ExactReference::add, 1);
    }

    @Test
    void sub64() {
        checkBinary("sub64", F64, (sf, a, b, rm) -> sf.sub64(a, b, rm),
                (a, b, rm, f) -> ExactReference.add(a, b ^ Long.MIN_VALUE, rm, f), 2);
    }

    @Test
    void mul64() {
        checkBinary("mul64", F64, (sf, a, b, rm) -> sf.mul64(a, b, rm), ExactReference::mul, 3);
    }

    @Test
    void div64() {
        checkBinary("div64", F64, (sf, a, b, rm) -> sf.div64(a, b, rm), ExactReference::div, 4);
    }

    @Test
    void sqrt64() {
        checkBinary("sqrt64", F64, (sf, a, b, rm) -> sf.sqrt64(a, rm), (a, b, rm, f) -> ExactReference.sqrt(a, rm, f), 5);
    }

    // The integer paths on their own: the public binary64 entry points mostly take the host fast path.

    @Test
    void add64IntegerPath() {
        checkBinary("add64", F64, (sf, a, b, rm) -> Arithmetic.add(sf, a, b, rm, 52, 11), ExactReference::add, 6);
    }

    @Test
    void mul64IntegerPath() {
        checkBinary("mul64", F64, (sf, a, b, rm) -> Arithmetic.mul(sf, a, b, rm, 52, 11), ExactReference::mul, 7);
    }

    @Test
    void div64IntegerPath() {
        checkBinary("div64", F64, (sf, a, b, rm) -> Arithmetic.div(sf, a, b, rm, 52, 11), ExactReference::div, 8);
    }

    @Test
    void sqrt64IntegerPath() {
        checkBinary("sqrt64", F64, (sf, a, b, rm) -> Arithmetic.sqrt(sf, a, rm, 52, 11),
                (a, b, rm, f) -> ExactReference.sqrt(a, rm, f), 9);
    }

    @Test
    void add32() {
        checkBinary("add32", F32, (sf, a, b, rm) -> sf.add32((int) a, (int) b, rm) & LOW32, ExactReference::add, 11);
    }

    @Test
    void sub32() {
        checkBinary("sub32", F32, (sf, a, b, rm) -> sf.sub32((int) a, (int) b, rm) & LOW32,
                (a, b, rm, f) -> ExactReference.add(a, b ^ 0x8000_0000L, rm, f), 12);
    }

    @Test
    void mul32() {
        checkBinary("mul32", F32, (sf, a, b, rm) -> sf.mul32((int) a, (int) b, rm) & LOW32, ExactReference::mul, 13);
    }

    @Test
    void div32() {
        checkBinary("div32", F32, (sf, a, b, rm) -> sf.div32((int) a, (int) b, rm) & LOW32, ExactReference::div, 14);
    }

    @Test
    void sqrt32() {
        checkBinary("sqrt32", F32, (sf, a, b, rm) -> sf.sqrt32((int) a, rm) & LOW32,
                (a, b, rm, f) -> ExactReference.sqrt(a, rm, f), 15);
    }

    private static void checkFma(Format f, long seed) {
        Operands ops = new Operands(seed, f);
        Mismatches mismatches = new Mismatches();
        for (int rm = 0; rm < 5; rm++) {
            for (int i = 0; i < CASES_PER_MODE; i++) {
                long a = ops.next();
                long b = ops.next();
                // Addends near the product's magnitude exercise cancellation.
                long c = ops.nextInt(2) == 0 ? nearProduct(ops, a, b, f) : ops.next();
                SoftFloat sf = new SoftFloat();
                long got = f == F64 ? sf.fma64(a, b, c, rm)
                        : sf.fma32((int) a, (int) b, (int) c, rm) & LOW32;
                int mode = rm;
                mismatches.check(got, sf.flags, ExactReference.fma(a, b, c, rm, f),
                        () -> String.format("fma(%x, %x, %x) %s", a, b, c, MODES[mode]));
            }
        }
        mismatches.assertNone();
    }

    private static long nearProduct(Operands ops, long a, long b, Format f) {
        SoftFloat scratch = new SoftFloat();
        long product = f == F64 ? scratch.mul64(a, b, SoftFloat.RNE)
                : scratch.mul32((int) a, (int) b, SoftFloat.RNE) & LOW32;
        long c = ops.near(product);
        return ops.nextInt(2) == 0 ? c : product ^ f.signBit();
    }

    @Test
    void fma64() {
        checkFma(F64, 21);
    }

    @Test
    void fma32() {
        checkFma(F32, 22);
    }
}
