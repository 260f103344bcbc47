package dev.termpress.emulator.cpu.fpu;

import static dev.termpress.emulator.cpu.fpu.SoftFloat.NV;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** FMIN/FMAX, FEQ/FLT/FLE and FCLASS (RISC-V unprivileged spec §11.6, §11.8, §11.9). */
class ComparisonTest {

    private static final long ONE = 0x3ff0_0000_0000_0000L;
    private static final long TWO = 0x4000_0000_0000_0000L;
    private static final long NEG_ZERO = 0x8000_0000_0000_0000L;
    private static final long QNAN = SoftFloat.CANONICAL_NAN_64;
    private static final long SNAN = 0x7ff4_0000_0000_0000L;
    private static final long NEG_QNAN = 0xfff8_0000_0000_1234L;
    private static final int QNAN32 = SoftFloat.CANONICAL_NAN_32;
    private static final int SNAN32 = 0x7f80_0001;

    private final SoftFloat sf = new SoftFloat();

    @Test
    void negativeZeroIsBelowPositiveZeroForMinAndMax() {
        assertThat(sf.min64(0, NEG_ZERO)).isEqualTo(NEG_ZERO);
        assertThat(sf.min64(NEG_ZERO, 0)).isEqualTo(NEG_ZERO);
        assertThat(sf.max64(NEG_ZERO, 0)).isZero();
        assertThat(sf.max32(0x8000_0000, 0)).isZero();
        assertThat(sf.min32(0, 0x8000_0000)).isEqualTo(0x8000_0000);
        assertThat(sf.min64(ONE | NEG_ZERO, TWO | NEG_ZERO)).isEqualTo(TWO | NEG_ZERO);
        assertThat(sf.max64(ONE, TWO)).isEqualTo(TWO);
        assertThat(sf.flags).isZero();
    }

    @Test
    void singleNaNOperandYieldsTheOther() {
        assertThat(sf.min64(NEG_QNAN, ONE)).isEqualTo(ONE);
        assertThat(sf.max64(ONE, QNAN)).isEqualTo(ONE);
        assertThat(sf.min32(0x3f80_0000, QNAN32)).isEqualTo(0x3f80_0000);
        assertThat(sf.flags).isZero();
        assertThat(sf.max64(SNAN, ONE)).isEqualTo(ONE);
        assertThat(sf.flags).isEqualTo(NV);
    }

    @Test
    void twoNaNsYieldTheCanonicalNaN() {
        assertThat(sf.min64(NEG_QNAN, NEG_QNAN)).isEqualTo(QNAN);
        assertThat(sf.max32(0xffc0_0001, 0x7fc0_0002)).isEqualTo(QNAN32);
        assertThat(sf.flags).isZero();
        assertThat(sf.max32(SNAN32, QNAN32)).isEqualTo(QNAN32);
        assertThat(sf.flags).isEqualTo(NV);
    }

    @Test
    void equalityIsQuiet() {
        assertThat(sf.eq64(0, NEG_ZERO)).isTrue();
        assertThat(sf.eq64(ONE, ONE)).isTrue();
        assertThat(sf.eq64(ONE, TWO)).isFalse();
        assertThat(sf.eq64(QNAN, QNAN)).isFalse();
        assertThat(sf.eq32(QNAN32, 0)).isFalse();
        assertThat(sf.flags).isZero();
        assertThat(sf.eq64(SNAN, ONE)).isFalse();
        assertThat(sf.flags).isEqualTo(NV);
        sf.flags = 0;
        assertThat(sf.eq32(0, SNAN32)).isFalse();
        assertThat(sf.flags).isEqualTo(NV);
    }

    @Test
    void orderingComparisonsSignalOnAnyNaN() {
        assertThat(sf.lt64(NEG_ZERO, 0)).isFalse();
        assertThat(sf.le64(NEG_ZERO, 0)).isTrue();
        assertThat(sf.le64(0, NEG_ZERO)).isTrue();
        assertThat(sf.lt64(ONE | NEG_ZERO, NEG_ZERO)).isTrue();
        assertThat(sf.lt64(TWO | NEG_ZERO, ONE | NEG_ZERO)).isTrue();
        assertThat(sf.lt64(ONE, TWO)).isTrue();
        assertThat(sf.le64(TWO, ONE)).isFalse();
        assertThat(sf.lt32(0xbf80_0000, 0x3f80_0000)).isTrue();
        assertThat(sf.le32(0x3f80_0000, 0x3f80_0000)).isTrue();
        assertThat(sf.flags).isZero();
        assertThat(sf.lt64(QNAN, ONE)).isFalse();
        assertThat(sf.flags).isEqualTo(NV);
        sf.flags = 0;
        assertThat(sf.le32(0, QNAN32)).isFalse();
        assertThat(sf.flags).isEqualTo(NV);
    }

    @Test
    void orderingMatchesJavaOnRandomValues() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20000; i++) {
            long a = random.nextLong();
            long b = random.nextInt(4) == 0 ? a ^ (random.nextLong() & 0xff) : random.nextLong();
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            assertThat(sf.lt64(a, b)).as("%x < %x", a, b).isEqualTo(x < y);
            assertThat(sf.le64(a, b)).as("%x <= %x", a, b).isEqualTo(x <= y);
            assertThat(sf.eq64(a, b)).as("%x == %x", a, b).isEqualTo(x == y);
            int p = (int) a;
            int q = (int) b;
            float u = Float.intBitsToFloat(p);
            float v = Float.intBitsToFloat(q);
            assertThat(sf.lt32(p, q)).isEqualTo(u < v);
            assertThat(sf.le32(p, q)).isEqualTo(u <= v);
            assertThat(sf.eq32(p, q)).isEqualTo(u == v);
        }
    }

    @Test
    void classifySetsExactlyOneBit() {
        assertThat(SoftFloat.classify64(0xfff0_0000_0000_0000L)).isEqualTo(1);
        assertThat(SoftFloat.classify64(ONE | NEG_ZERO)).isEqualTo(1 << 1);
        assertThat(SoftFloat.classify64(NEG_ZERO | 1)).isEqualTo(1 << 2);
        assertThat(SoftFloat.classify64(NEG_ZERO)).isEqualTo(1 << 3);
        assertThat(SoftFloat.classify64(0)).isEqualTo(1 << 4);
        assertThat(SoftFloat.classify64(0x000f_ffff_ffff_ffffL)).isEqualTo(1 << 5);
        assertThat(SoftFloat.classify64(ONE)).isEqualTo(1 << 6);
        assertThat(SoftFloat.classify64(0x7ff0_0000_0000_0000L)).isEqualTo(1 << 7);
        assertThat(SoftFloat.classify64(SNAN)).isEqualTo(1 << 8);
        assertThat(SoftFloat.classify64(NEG_QNAN)).isEqualTo(1 << 9);
        assertThat(SoftFloat.classify32(0xff80_0000)).isEqualTo(1);
        assertThat(SoftFloat.classify32(0xbf80_0000)).isEqualTo(1 << 1);
        assertThat(SoftFloat.classify32(0x8000_0001)).isEqualTo(1 << 2);
        assertThat(SoftFloat.classify32(0x8000_0000)).isEqualTo(1 << 3);
        assertThat(SoftFloat.classify32(0)).isEqualTo(1 << 4);
        assertThat(SoftFloat.classify32(0x007f_ffff)).isEqualTo(1 << 5);
        assertThat(SoftFloat.classify32(0x0080_0000)).isEqualTo(1 << 6);
        assertThat(SoftFloat.classify32(0x7f80_0000)).isEqualTo(1 << 7);
        assertThat(SoftFloat.classify32(SNAN32)).isEqualTo(1 << 8);
        assertThat(SoftFloat.classify32(0xffc0_0000)).isEqualTo(1 << 9);
    }
}
