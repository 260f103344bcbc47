package dev.termpress.emulator.cpu.fpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The RISC-V unprivileged spec's table "Domains of float-to-integer conversions and behavior for
 * invalid inputs" (§11.7), row by row, for both source formats; 32-bit results sign-extended.
 */
class FcvtSaturationTest {

    private static final long W_MIN = Integer.MIN_VALUE;
    private static final long W_MAX = Integer.MAX_VALUE;
    private static final long WU_MAX = -1L; // 2^32 - 1, sign-extended from bit 31
    private static final long L_MIN = Long.MIN_VALUE;
    private static final long L_MAX = Long.MAX_VALUE;
    private static final long LU_MAX = -1L;

    private interface Convert {
        long apply(SoftFloat sf, double value, int rm);
    }

    private static final Convert[] FROM_DOUBLE = {
        (sf, v, rm) -> sf.cvtW64(Double.doubleToRawLongBits(v), rm),
        (sf, v, rm) -> sf.cvtWU64(Double.doubleToRawLongBits(v), rm),
        (sf, v, rm) -> sf.cvtL64(Double.doubleToRawLongBits(v), rm),
        (sf, v, rm) -> sf.cvtLU64(Double.doubleToRawLongBits(v), rm),
    };

    private static final Convert[] FROM_FLOAT = {
        (sf, v, rm) -> sf.cvtW32(Float.floatToRawIntBits((float) v), rm),
        (sf, v, rm) -> sf.cvtWU32(Float.floatToRawIntBits((float) v), rm),
        (sf, v, rm) -> sf.cvtL32(Float.floatToRawIntBits((float) v), rm),
        (sf, v, rm) -> sf.cvtLU32(Float.floatToRawIntBits((float) v), rm),
    };

    private static void expect(double input, long[] outputs, int flags) {
        for (int kind = 0; kind < 4; kind++) {
            for (Convert[] table : new Convert[][] {FROM_DOUBLE, FROM_FLOAT}) {
                SoftFloat sf = new SoftFloat();
                long got = table[kind].apply(sf, input, SoftFloat.RNE);
                assertThat(got).as("kind %d of %s", kind, input).isEqualTo(outputs[kind]);
                assertThat(sf.flags).as("flags, kind %d of %s", kind, input).isEqualTo(flags);
            }
        }
    }

    @Test
    void negativeInfinityAndOutOfRangeNegativeClipToMinimum() {
        long[] minimum = {W_MIN, 0, L_MIN, 0};
        expect(Double.NEGATIVE_INFINITY, minimum, SoftFloat.NV);
        expect(-0x1p70, minimum, SoftFloat.NV);
        expect(-Double.MAX_VALUE, minimum, SoftFloat.NV);
    }

    @Test
    void positiveInfinityOutOfRangePositiveAndNaNClipToMaximum() {
        long[] maximum = {W_MAX, WU_MAX, L_MAX, LU_MAX};
        expect(Double.POSITIVE_INFINITY, maximum, SoftFloat.NV);
        expect(0x1p70, maximum, SoftFloat.NV);
        expect(Double.NaN, maximum, SoftFloat.NV);
        expect(Double.longBitsToDouble(0xfff0_0000_0000_0001L), maximum, SoftFloat.NV); // negative sNaN
    }

    @Test
    void negativeNaNAlsoClipsToMaximum() {
        SoftFloat sf = new SoftFloat();
        assertThat(sf.cvtW64(0xfff8_0000_0000_0000L, SoftFloat.RTZ)).isEqualTo(W_MAX);
        assertThat(sf.cvtLU32(0xffc0_0000, SoftFloat.RTZ)).isEqualTo(LU_MAX);
        assertThat(sf.flags).isEqualTo(SoftFloat.NV);
    }

    @ParameterizedTest(name = "{0} rm {1} -> W {2}")
    @CsvSource({
        // Valid range is judged after rounding: -2^31 - 0.4 rounds to -2^31 under RNE.
        "-2147483648.4, 0, -2147483648, 1",
        "-2147483648.6, 0, -2147483648, 16",
        "-2147483648.6, 1, -2147483648, 1",
        "2147483647.4, 0, 2147483647, 1",
        "2147483647.5, 0, 2147483647, 16",
        "2147483647.5, 1, 2147483647, 1",
        "2147483647.5, 2, 2147483647, 1",
        "2147483647.5, 3, 2147483647, 16",
        "-0.0, 0, 0, 0",
        "0.5, 0, 0, 1",
        "1.5, 0, 2, 1",
        "2.5, 0, 2, 1",
        "2.5, 4, 3, 1",
        "-2.5, 4, -3, 1",
        "-2.5, 2, -3, 1",
        "-2.5, 3, -2, 1",
    })
    void wordBoundaries(double input, int rm, long expected, int flags) {
        SoftFloat sf = new SoftFloat();
        assertThat(sf.cvtW64(Double.doubleToRawLongBits(input), rm)).isEqualTo(expected);
        assertThat(sf.flags).isEqualTo(flags);
    }

    @ParameterizedTest(name = "{0} rm {1} -> WU {2}")
    @CsvSource({
        "-0.4, 0, 0, 1",     // rounds to -0: representable, only inexact
        "-0.6, 0, 0, 16",    // rounds to -1: out of range
        "-0.6, 1, 0, 1",
        "-0.6, 3, 0, 1",
        "-1.0, 1, 0, 16",
        "4294967295.0, 0, -1, 0", // 2^32 - 1, written sign-extended
        "4294967295.5, 1, -1, 1",
        "4294967295.5, 0, -1, 16",
        "2147483648.0, 0, -2147483648, 0",
    })
    void unsignedWordBoundaries(double input, int rm, long expected, int flags) {
        SoftFloat sf = new SoftFloat();
        assertThat(sf.cvtWU64(Double.doubleToRawLongBits(input), rm)).isEqualTo(expected);
        assertThat(sf.flags).isEqualTo(flags);
    }

    @Test
    void longBoundaries() {
        SoftFloat sf = new SoftFloat();
        assertThat(sf.cvtL64(Double.doubleToRawLongBits(-0x1p63), SoftFloat.RNE)).isEqualTo(L_MIN);
        assertThat(sf.cvtLU64(Double.doubleToRawLongBits(0x1p63), SoftFloat.RNE)).isEqualTo(L_MIN);
        // The largest double below 2^64 converts exactly.
        assertThat(sf.cvtLU64(0x43ef_ffff_ffff_ffffL, SoftFloat.RNE)).isEqualTo(0xffff_ffff_ffff_f800L);
        assertThat(sf.cvtL64(0x43df_ffff_ffff_ffffL, SoftFloat.RNE)).isEqualTo(0x7fff_ffff_ffff_fc00L);
        assertThat(sf.flags).isZero();
        assertThat(sf.cvtL64(Double.doubleToRawLongBits(0x1p63), SoftFloat.RNE)).isEqualTo(L_MAX);
        assertThat(sf.flags).isEqualTo(SoftFloat.NV);
        sf.flags = 0;
        assertThat(sf.cvtLU64(Double.doubleToRawLongBits(0x1p64), SoftFloat.RTZ)).isEqualTo(LU_MAX);
        assertThat(sf.flags).isEqualTo(SoftFloat.NV);
        sf.flags = 0;
        assertThat(sf.cvtLU32(Float.floatToRawIntBits(0x1p63f), SoftFloat.RNE)).isEqualTo(L_MIN);
        assertThat(sf.cvtL32(Float.floatToRawIntBits(-0x1p63f), SoftFloat.RNE)).isEqualTo(L_MIN);
        assertThat(sf.flags).isZero();
        // Tiny values round to 0 or +-1 by mode.
        long tiny = 0x0000_0000_0000_0001L;
        assertThat(sf.cvtL64(tiny, SoftFloat.RUP)).isEqualTo(1);
        assertThat(sf.cvtL64(tiny | Long.MIN_VALUE, SoftFloat.RDN)).isEqualTo(-1);
        assertThat(sf.cvtL64(tiny, SoftFloat.RMM)).isZero();
        assertThat(sf.flags).isEqualTo(SoftFloat.NX);
    }

    @Test
    void integersToFloatRoundByMode() {
        SoftFloat sf = new SoftFloat();
        // 2^53 + 1 is not a double: a tie between 2^53 and 2^53 + 2.
        long v = (1L << 53) + 1;
        assertThat(sf.cvt64FromL(v, SoftFloat.RNE)).isEqualTo(Double.doubleToRawLongBits(0x1p53));
        assertThat(sf.cvt64FromL(v, SoftFloat.RMM)).isEqualTo(Double.doubleToRawLongBits(0x1p53 + 2));
        assertThat(sf.cvt64FromL(-v, SoftFloat.RDN)).isEqualTo(Double.doubleToRawLongBits(-0x1p53 - 2));
        assertThat(sf.cvt64FromL(-v, SoftFloat.RUP)).isEqualTo(Double.doubleToRawLongBits(-0x1p53));
        assertThat(sf.flags).isEqualTo(SoftFloat.NX);
        sf.flags = 0;
        assertThat(sf.cvt64FromL(Long.MIN_VALUE, SoftFloat.RNE)).isEqualTo(Double.doubleToRawLongBits(-0x1p63));
        assertThat(sf.cvt64FromLU(-1L, SoftFloat.RTZ)).isEqualTo(0x43ef_ffff_ffff_ffffL);
        assertThat(sf.flags).isEqualTo(SoftFloat.NX);
        sf.flags = 0;
        assertThat(sf.cvt64FromW(0xdead_beef_8000_0000L, SoftFloat.RNE)).isEqualTo(Double.doubleToRawLongBits(-0x1p31));
        assertThat(sf.cvt64FromWU(0xdead_beef_8000_0000L, SoftFloat.RNE)).isEqualTo(Double.doubleToRawLongBits(0x1p31));
        assertThat(sf.cvt32FromWU(0xffff_ffffL, SoftFloat.RTZ)).isEqualTo(0x4f7f_ffff);
        assertThat(sf.cvt32FromW(0, SoftFloat.RDN)).isZero(); // +0 even when rounding down
        assertThat(sf.flags).isEqualTo(SoftFloat.NX);
    }
}
