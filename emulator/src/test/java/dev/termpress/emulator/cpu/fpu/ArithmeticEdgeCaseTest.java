package dev.termpress.emulator.cpu.fpu;

import static dev.termpress.emulator.cpu.fpu.SoftFloat.DZ;
import static dev.termpress.emulator.cpu.fpu.SoftFloat.NV;
import static dev.termpress.emulator.cpu.fpu.SoftFloat.NX;
import static dev.termpress.emulator.cpu.fpu.SoftFloat.OF;
import static dev.termpress.emulator.cpu.fpu.SoftFloat.RDN;
import static dev.termpress.emulator.cpu.fpu.SoftFloat.RMM;
import static dev.termpress.emulator.cpu.fpu.SoftFloat.RNE;
import static dev.termpress.emulator.cpu.fpu.SoftFloat.RTZ;
import static dev.termpress.emulator.cpu.fpu.SoftFloat.RUP;
import static dev.termpress.emulator.cpu.fpu.SoftFloat.UF;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hand-picked cases from IEEE 754-2019 and the RISC-V F/D chapters. */
class ArithmeticEdgeCaseTest {

    private static final long ONE = 0x3ff0_0000_0000_0000L;
    private static final long NEG_ZERO = 0x8000_0000_0000_0000L;
    private static final long INF = 0x7ff0_0000_0000_0000L;
    private static final long NEG_INF = 0xfff0_0000_0000_0000L;
    private static final long MAX = 0x7fef_ffff_ffff_ffffL;
    private static final long MIN_NORMAL = 0x0010_0000_0000_0000L;
    private static final long MAX_SUBNORMAL = 0x000f_ffff_ffff_ffffL;
    private static final long QNAN = SoftFloat.CANONICAL_NAN_64;
    private static final long SNAN = 0x7ff0_0000_0000_0001L;
    private static final long NEG_QNAN_PAYLOAD = 0xfff8_0000_dead_beefL;

    private final SoftFloat sf = new SoftFloat();

    private static long d(double v) {
        return Double.doubleToRawLongBits(v);
    }

    @Test
    void exactZeroSumIsPositiveExceptWhenRoundingDown() {
        for (int rm : new int[] {RNE, RTZ, RUP, RMM}) {
            assertThat(sf.sub64(ONE, ONE, rm)).isZero();
            assertThat(sf.add64(0, NEG_ZERO, rm)).isZero();
            assertThat(sf.sub32(0x3f80_0000, 0x3f80_0000, rm)).isZero();
        }
        assertThat(sf.sub64(ONE, ONE, RDN)).isEqualTo(NEG_ZERO);
        assertThat(sf.add64(0, NEG_ZERO, RDN)).isEqualTo(NEG_ZERO);
        assertThat(sf.sub32(0x3f80_0000, 0x3f80_0000, RDN)).isEqualTo(0x8000_0000);
        assertThat(sf.add64(NEG_ZERO, NEG_ZERO, RNE)).isEqualTo(NEG_ZERO);
        assertThat(sf.sub64(NEG_ZERO, 0, RNE)).isEqualTo(NEG_ZERO);
        assertThat(sf.flags).isZero();
    }

    @Test
    void nanResultsAreCanonicalAndOnlySignalingNaNsRaiseInvalid() {
        assertThat(sf.add64(NEG_QNAN_PAYLOAD, ONE, RNE)).isEqualTo(QNAN);
        assertThat(sf.mul32(0xffc1_2345, 0x3f80_0000, RNE)).isEqualTo(SoftFloat.CANONICAL_NAN_32);
        assertThat(sf.flags).isZero();
        assertThat(sf.div64(ONE, SNAN, RNE)).isEqualTo(QNAN);
        assertThat(sf.flags).isEqualTo(NV);
    }

    @Test
    void invalidOperationsGiveCanonicalNaN() {
        long[][] cases = {
            {sf.sub64(INF, INF, RNE)}, {sf.add64(INF, NEG_INF, RNE)}, {sf.mul64(INF, 0, RNE)},
            {sf.div64(0, NEG_ZERO, RNE)}, {sf.div64(INF, NEG_INF, RNE)}, {sf.sqrt64(d(-1), RNE)},
            {sf.fma64(INF, 0, QNAN, RNE)}, {sf.fma64(INF, ONE, NEG_INF, RNE)},
        };
        for (long[] c : cases) {
            assertThat(c[0]).isEqualTo(QNAN);
        }
        assertThat(sf.flags).isEqualTo(NV);
    }

    @Test
    void divisionByZeroGivesSignedInfinity() {
        assertThat(sf.div64(ONE, 0, RNE)).isEqualTo(INF);
        assertThat(sf.div64(ONE, NEG_ZERO, RTZ)).isEqualTo(NEG_INF);
        assertThat(sf.div32(0xbf80_0000, 0, RNE)).isEqualTo(0xff80_0000);
        assertThat(sf.flags).isEqualTo(DZ);
        sf.flags = 0;
        assertThat(sf.div64(INF, 0, RNE)).isEqualTo(INF); // infinity is exact: no DZ
        assertThat(sf.flags).isZero();
    }

    @Test
    void overflowDependsOnModeAndSign() {
        assertThat(sf.add64(MAX, MAX, RNE)).isEqualTo(INF);
        assertThat(sf.add64(MAX, MAX, RMM)).isEqualTo(INF);
        assertThat(sf.add64(MAX, MAX, RTZ)).isEqualTo(MAX);
        assertThat(sf.add64(MAX, MAX, RDN)).isEqualTo(MAX);
        assertThat(sf.add64(MAX, MAX, RUP)).isEqualTo(INF);
        long negMax = MAX | NEG_ZERO;
        assertThat(sf.add64(negMax, negMax, RUP)).isEqualTo(negMax);
        assertThat(sf.add64(negMax, negMax, RDN)).isEqualTo(NEG_INF);
        assertThat(sf.mul32(0x7f7f_ffff, 0x4000_0000, RTZ)).isEqualTo(0x7f7f_ffff);
        assertThat(sf.flags).isEqualTo(OF | NX);
    }

    @Test
    void roundingToMaxFiniteWithoutOverflowDoesNotRaiseOverflow() {
        // MAX + half an ulp of MAX - epsilon stays at MAX under RNE: inexact only.
        assertThat(sf.add64(MAX, 0x7c8f_ffff_ffff_ffffL, RNE)).isEqualTo(MAX);
        assertThat(sf.flags).isEqualTo(NX);
    }

    @Test
    void underflowUsesTininessAfterRounding() {
        // (1 + 2^-52) * (2^-1022 - 2^-1074) = 2^-1022 (1 - 2^-104): rounds to MIN_NORMAL with an
        // unbounded exponent too, so it is not tiny.
        long onePlusUlp = 0x3ff0_0000_0000_0001L;
        assertThat(sf.mul64(onePlusUlp, MAX_SUBNORMAL, RNE)).isEqualTo(MIN_NORMAL);
        assertThat(sf.flags).isEqualTo(NX);
        sf.flags = 0;
        assertThat(sf.mul64(onePlusUlp, MAX_SUBNORMAL, RTZ)).isEqualTo(MAX_SUBNORMAL);
        assertThat(sf.flags).isEqualTo(NX | UF);
        sf.flags = 0;
        // (1 - 2^-53) * 2^-1022 is exact with an unbounded exponent, hence tiny; it ties to MIN_NORMAL.
        assertThat(sf.mul64(0x3fef_ffff_ffff_ffffL, MIN_NORMAL, RNE)).isEqualTo(MIN_NORMAL);
        assertThat(sf.flags).isEqualTo(NX | UF);
        sf.flags = 0;
        assertThat(sf.mul32(0x3f80_0001, 0x007f_ffff, RNE)).isEqualTo(0x0080_0000);
        assertThat(sf.flags).isEqualTo(NX);
        sf.flags = 0;
        assertThat(sf.mul32(0x3f7f_ffff, 0x0080_0000, RNE)).isEqualTo(0x0080_0000);
        assertThat(sf.flags).isEqualTo(NX | UF);
    }

    @Test
    void exactSubnormalResultsRaiseNothing() {
        assertThat(sf.mul64(MIN_NORMAL, d(0.5), RNE)).isEqualTo(0x0008_0000_0000_0000L);
        assertThat(sf.sub64(MIN_NORMAL, 1, RNE)).isEqualTo(MAX_SUBNORMAL);
        assertThat(sf.flags).isZero();
        assertThat(sf.mul64(1, d(0.5), RNE)).isZero(); // half the smallest subnormal ties to even 0
        assertThat(sf.flags).isEqualTo(NX | UF);
    }

    @Test
    void oneThirdInEveryMode() {
        long third = 0x3fd5_5555_5555_5555L;
        assertThat(sf.div64(ONE, d(3), RNE)).isEqualTo(third);
        assertThat(sf.div64(ONE, d(3), RTZ)).isEqualTo(third);
        assertThat(sf.div64(ONE, d(3), RDN)).isEqualTo(third);
        assertThat(sf.div64(ONE, d(3), RUP)).isEqualTo(third + 1);
        assertThat(sf.div64(ONE, d(-3), RDN)).isEqualTo((third + 1) | NEG_ZERO);
        assertThat(sf.div64(ONE, d(-3), RUP)).isEqualTo(third | NEG_ZERO);
        assertThat(sf.flags).isEqualTo(NX);
    }

    @Test
    void tiesAwayFromZeroDiffersFromTiesToEven() {
        // 1 + 2^-53 ties between 1 and 1 + 2^-52.
        long half = d(0x1p-53);
        assertThat(sf.add64(ONE, half, RNE)).isEqualTo(ONE);
        assertThat(sf.add64(ONE, half, RMM)).isEqualTo(ONE + 1);
        assertThat(sf.sub64(d(-1), half, RMM)).isEqualTo((ONE + 1) | NEG_ZERO);
    }

    @Test
    void squareRoots() {
        assertThat(sf.sqrt64(NEG_ZERO, RNE)).isEqualTo(NEG_ZERO);
        assertThat(sf.sqrt64(INF, RNE)).isEqualTo(INF);
        assertThat(sf.sqrt64(d(4), RNE)).isEqualTo(d(2));
        assertThat(sf.sqrt64(1, RNE)).isEqualTo(d(0x1p-537)); // sqrt of 2^-1074
        assertThat(sf.flags).isZero();
        assertThat(sf.sqrt64(d(2), RNE)).isEqualTo(0x3ff6_a09e_667f_3bcdL);
        assertThat(sf.sqrt64(d(2), RUP)).isEqualTo(0x3ff6_a09e_667f_3bcdL);
        assertThat(sf.sqrt64(d(2), RTZ)).isEqualTo(0x3ff6_a09e_667f_3bccL);
        assertThat(sf.sqrt32(0x4000_0000, RNE)).isEqualTo(0x3fb5_04f3);
        assertThat(sf.flags).isEqualTo(NX);
    }

    @Test
    void fusedMultiplyAddRoundsOnce() {
        // a = 1 + 2^-30: a*a = 1 + 2^-29 + 2^-60 exactly; separate rounding would lose 2^-60.
        long a = 0x3ff0_0000_0040_0000L;
        assertThat(sf.fma64(a, a, d(-(1 + 0x1p-29)), RNE)).isEqualTo(d(0x1p-60));
        assertThat(sf.flags).isZero();
        assertThat(sf.fma64(ONE, ONE, d(-1), RNE)).isZero();
        assertThat(sf.fma64(ONE, ONE, d(-1), RDN)).isEqualTo(NEG_ZERO);
        assertThat(sf.fma64(NEG_ZERO, ONE, NEG_ZERO, RNE)).isEqualTo(NEG_ZERO);
        assertThat(sf.fma64(0, ONE, NEG_ZERO, RNE)).isZero();
        // A zero addend still rounds the product.
        assertThat(sf.fma64(MAX, d(2), 0, RTZ)).isEqualTo(MAX);
        assertThat(sf.flags).isEqualTo(OF | NX);
    }

    @Test
    void fusedMultiplyAddSignalsInvalidForInfinityTimesZeroEvenWithQuietNaNAddend() {
        assertThat(sf.fma32(0x7f80_0000, 0, 0x7fc0_0000, RNE)).isEqualTo(SoftFloat.CANONICAL_NAN_32);
        assertThat(sf.flags).isEqualTo(NV);
        sf.flags = 0;
        assertThat(sf.fma32(0x3f80_0000, 0, 0x7fc0_0000, RNE)).isEqualTo(SoftFloat.CANONICAL_NAN_32);
        assertThat(sf.flags).isZero();
    }

    @Test
    void conversionsBetweenFormats() {
        assertThat(sf.cvt64From32(0x7f80_0001)).isEqualTo(QNAN);
        assertThat(sf.flags).isEqualTo(NV);
        sf.flags = 0;
        assertThat(sf.cvt64From32(0x0000_0001)).isEqualTo(d(0x1p-149));
        assertThat(sf.cvt64From32(0x8000_0000)).isEqualTo(NEG_ZERO);
        assertThat(sf.cvt32From64(NEG_QNAN_PAYLOAD, RNE)).isEqualTo(SoftFloat.CANONICAL_NAN_32);
        assertThat(sf.flags).isZero();
        assertThat(sf.cvt32From64(d(1e300), RTZ)).isEqualTo(0x7f7f_ffff);
        assertThat(sf.flags).isEqualTo(OF | NX);
        sf.flags = 0;
        assertThat(sf.cvt32From64(d(1e-50), RUP)).isEqualTo(1);
        assertThat(sf.flags).isEqualTo(UF | NX);
    }
}
