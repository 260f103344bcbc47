package dev.termpress.emulator.cpu.fpu;

import static dev.termpress.emulator.cpu.fpu.SoftFloat.RNE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Round-to-nearest-even results against the JVM's own IEEE arithmetic (Java 17 is strictfp
 * everywhere), StrictMath.sqrt and Math.fma; NaN results compared as the canonical NaN.
 */
class JavaDifferentialTest {

    private static final int CASES = 40000;

    private static long canonical(double v) {
        return Double.isNaN(v) ? SoftFloat.CANONICAL_NAN_64 : Double.doubleToRawLongBits(v);
    }

    private static int canonical(float v) {
        return Float.isNaN(v) ? SoftFloat.CANONICAL_NAN_32 : Float.floatToRawIntBits(v);
    }

    @Test
    void binary64() {
        Operands ops = new Operands(31, ExactReference.F64);
        SoftFloat sf = new SoftFloat();
        for (int i = 0; i < CASES; i++) {
            long a = ops.next();
            long b = ops.nextInt(2) == 0 ? ops.near(a) : ops.next();
            long c = ops.next();
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double z = Double.longBitsToDouble(c);
            String what = String.format("%x %x %x", a, b, c);
            assertThat(sf.add64(a, b, RNE)).as("add " + what).isEqualTo(canonical(x + y));
            assertThat(sf.sub64(a, b, RNE)).as("sub " + what).isEqualTo(canonical(x - y));
            assertThat(sf.mul64(a, b, RNE)).as("mul " + what).isEqualTo(canonical(x * y));
            assertThat(sf.div64(a, b, RNE)).as("div " + what).isEqualTo(canonical(x / y));
            assertThat(sf.sqrt64(a, RNE)).as("sqrt " + what).isEqualTo(canonical(StrictMath.sqrt(x)));
            assertThat(sf.fma64(a, b, c, RNE)).as("fma " + what).isEqualTo(canonical(Math.fma(x, y, z)));
            assertThat(sf.cvt32From64(a, RNE)).as("narrow " + what).isEqualTo(canonical((float) x));
            if (!Double.isNaN(x)) {
                assertThat(sf.cvtL64(a, SoftFloat.RTZ)).as("cvtL " + what).isEqualTo((long) x);
                assertThat(sf.cvt64FromL(a, RNE)).as("fromL " + what).isEqualTo(canonical((double) a));
            }
        }
    }

    @Test
    void binary32() {
        Operands ops = new Operands(32, ExactReference.F32);
        SoftFloat sf = new SoftFloat();
        Random random = new Random(33);
        for (int i = 0; i < CASES; i++) {
            int a = (int) ops.next();
            int b = (int) (ops.nextInt(2) == 0 ? ops.near(a & 0xffff_ffffL) : ops.next());
            int c = (int) ops.next();
            float x = Float.intBitsToFloat(a);
            float y = Float.intBitsToFloat(b);
            float z = Float.intBitsToFloat(c);
            String what = String.format("%x %x %x", a, b, c);
            assertThat(sf.add32(a, b, RNE)).as("add " + what).isEqualTo(canonical(x + y));
            assertThat(sf.sub32(a, b, RNE)).as("sub " + what).isEqualTo(canonical(x - y));
            assertThat(sf.mul32(a, b, RNE)).as("mul " + what).isEqualTo(canonical(x * y));
            assertThat(sf.div32(a, b, RNE)).as("div " + what).isEqualTo(canonical(x / y));
            // binary64 has more than 2p + 2 bits, so rounding the double sqrt to float is exact RNE.
            assertThat(sf.sqrt32(a, RNE)).as("sqrt " + what).isEqualTo(canonical((float) StrictMath.sqrt(x)));
            assertThat(sf.fma32(a, b, c, RNE)).as("fma " + what).isEqualTo(canonical(Math.fma(x, y, z)));
            assertThat(sf.cvt64From32(a)).as("widen " + what).isEqualTo(canonical((double) x));
            if (!Float.isNaN(x)) {
                assertThat(sf.cvtL32(a, SoftFloat.RTZ)).as("cvtL " + what).isEqualTo((long) x);
                assertThat(sf.cvtW32(a, SoftFloat.RTZ)).as("cvtW " + what).isEqualTo((long) (int) x);
            }
            long v = random.nextLong() >> random.nextInt(64);
            assertThat(sf.cvt32FromL(v, RNE)).as("fromL %x", v).isEqualTo(canonical((float) v));
        }
    }
}
