package dev.termpress.emulator.cpu.fpu;

/**
 * Field access for IEEE 754 binary formats held in the low bits of a {@code long}, parameterised by
 * the fraction width {@code fb} and exponent width {@code eb} (binary32: 23/8, binary64: 52/11).
 *
 * <p>Finite non-zero values are unpacked to a significand normalised at bit 62 ({@link #sig}) and an
 * unbiased exponent ({@link #exp}): value = sig / 2^62 * 2^exp. The 62 - fb low bits are zero, which
 * leaves room for guard and sticky bits in every operation.
 */
final class FloatBits {

    /** IEEE 754-2019 §3.6, binary32: trailing significand field width. */
    static final int F32_FRAC = 23;
    /** IEEE 754-2019 §3.6, binary32: exponent field width. */
    static final int F32_EXP = 8;
    /** IEEE 754-2019 §3.6, binary64: trailing significand field width. */
    static final int F64_FRAC = 52;
    /** IEEE 754-2019 §3.6, binary64: exponent field width. */
    static final int F64_EXP = 11;

    /** Position of the leading significand bit in the unpacked form. */
    static final int SIG_TOP = 62;

    private FloatBits() {
    }

    static int bias(int eb) {
        return (1 << (eb - 1)) - 1;
    }

    static int maxExpField(int eb) {
        return (1 << eb) - 1;
    }

    static int sign(long bits, int fb, int eb) {
        return (int) (bits >>> (fb + eb)) & 1;
    }

    static long signBit(int fb, int eb) {
        return 1L << (fb + eb);
    }

    static int expField(long bits, int fb, int eb) {
        return (int) (bits >>> fb) & maxExpField(eb);
    }

    static long fraction(long bits, int fb) {
        return bits & ((1L << fb) - 1);
    }

    /** Magnitude bits: everything but the sign. */
    static long magnitude(long bits, int fb, int eb) {
        return bits & (signBit(fb, eb) - 1);
    }

    static boolean isNaN(long bits, int fb, int eb) {
        return expField(bits, fb, eb) == maxExpField(eb) && fraction(bits, fb) != 0;
    }

    /** Signaling NaN: quiet bit (the fraction's top bit, IEEE 754-2019 §6.2.1) clear. */
    static boolean isSignalingNaN(long bits, int fb, int eb) {
        return isNaN(bits, fb, eb) && (bits & (1L << (fb - 1))) == 0;
    }

    static boolean isInf(long bits, int fb, int eb) {
        return expField(bits, fb, eb) == maxExpField(eb) && fraction(bits, fb) == 0;
    }

    static boolean isZero(long bits, int fb, int eb) {
        return magnitude(bits, fb, eb) == 0;
    }

    /** RISC-V canonical NaN (unprivileged spec §11.3): positive, quiet bit only. */
    static long canonicalNaN(int fb, int eb) {
        return ((long) maxExpField(eb) << fb) | (1L << (fb - 1));
    }

    static long infinity(int sign, int fb, int eb) {
        return ((long) sign << (fb + eb)) | ((long) maxExpField(eb) << fb);
    }

    static long zero(int sign, int fb, int eb) {
        return (long) sign << (fb + eb);
    }

    /** Largest finite magnitude with the given sign. */
    static long maxFinite(int sign, int fb, int eb) {
        return ((long) sign << (fb + eb)) | (((long) maxExpField(eb) << fb) - 1);
    }

    /** Significand of a finite non-zero value, leading one at bit 62. */
    static long sig(long bits, int fb, int eb) {
        long s = fraction(bits, fb) << (SIG_TOP - fb);
        if (expField(bits, fb, eb) != 0) {
            return s | (1L << SIG_TOP);
        }
        return s << (Long.numberOfLeadingZeros(s) - 1);
    }

    /** Unbiased exponent of a finite non-zero value, matching {@link #sig}. */
    static int exp(long bits, int fb, int eb) {
        int field = expField(bits, fb, eb);
        if (field != 0) {
            return field - bias(eb);
        }
        long s = fraction(bits, fb) << (SIG_TOP - fb);
        return 1 - bias(eb) - (Long.numberOfLeadingZeros(s) - 1);
    }
}
