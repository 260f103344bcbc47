package dev.termpress.emulator.cpu.fpu;

import java.math.BigInteger;

/**
 * A slow, independent model of IEEE 754 arithmetic for tests: exact rational results in
 * BigInteger, then rounding by mode per IEEE 754-2019 §4.3, with flags as RISC-V defines them
 * (tininess after rounding, canonical NaN).
 */
final class ExactReference {

    /** A result with the flags it raised. */
    record Result(long bits, int flags) {
    }

    /** A binary interchange format. */
    record Format(int fb, int eb) {
        int precision() {
            return fb + 1;
        }

        int bias() {
            return (1 << (eb - 1)) - 1;
        }

        int emin() {
            return 1 - bias();
        }

        int maxField() {
            return (1 << eb) - 1;
        }

        long signBit() {
            return 1L << (fb + eb);
        }

        long canonicalNaN() {
            return ((long) maxField() << fb) | (1L << (fb - 1));
        }

        long inf(int sign) {
            return (sign != 0 ? signBit() : 0) | ((long) maxField() << fb);
        }

        long zero(int sign) {
            return sign != 0 ? signBit() : 0;
        }

        int sign(long bits) {
            return (bits & signBit()) != 0 ? 1 : 0;
        }

        boolean isNaN(long bits) {
            return field(bits) == maxField() && frac(bits) != 0;
        }

        boolean isSNaN(long bits) {
            return isNaN(bits) && (bits & (1L << (fb - 1))) == 0;
        }

        boolean isInf(long bits) {
            return field(bits) == maxField() && frac(bits) == 0;
        }

        boolean isZero(long bits) {
            return (bits & (signBit() - 1)) == 0;
        }

        int field(long bits) {
            return (int) (bits >>> fb) & maxField();
        }

        long frac(long bits) {
            return bits & ((1L << fb) - 1);
        }

        /** Integer significand of a finite value: |value| = mant * 2^scale. */
        BigInteger mant(long bits) {
            long m = frac(bits);
            if (field(bits) != 0) {
                m |= 1L << fb;
            }
            return BigInteger.valueOf(m);
        }

        int scale(long bits) {
            return Math.max(field(bits), 1) - bias() - fb;
        }
    }

    static final Format F32 = new Format(23, 8);
    static final Format F64 = new Format(52, 11);

    private ExactReference() {
    }

    /** Rounds sign * num / den (num, den > 0) to the format. */
    static Result round(int sign, BigInteger num, BigInteger den, int rm, Format f) {
        int e = num.bitLength() - den.bitLength();
        if (compareScaled(num, den, e) < 0) {
            e--;
        }
        int p = f.precision();
        int quantum = Math.max(e, f.emin()) - (p - 1);
        BigInteger[] rounded = roundAt(sign, num, den, quantum, rm);
        BigInteger q = rounded[0];
        boolean inexact = rounded[1].signum() != 0;
        int flags = inexact ? SoftFloat.NX : 0;
        if (q.bitLength() + quantum > f.bias() + 1) {
            boolean toInf = rm == SoftFloat.RNE || rm == SoftFloat.RMM
                    || (rm == SoftFloat.RDN && sign != 0) || (rm == SoftFloat.RUP && sign == 0);
            long bits = toInf ? f.inf(sign) : f.inf(sign) - 1;
            return new Result(bits, SoftFloat.OF | SoftFloat.NX);
        }
        if (e < f.emin()) {
            BigInteger unbounded = roundAt(sign, num, den, e - (p - 1), rm)[0];
            boolean tiny = unbounded.bitLength() - 1 + e - (p - 1) < f.emin();
            if (tiny && inexact) {
                flags |= SoftFloat.UF;
            }
        }
        if (q.bitLength() > p) {
            q = q.shiftRight(1);
            quantum++;
        }
        long bits;
        if (q.bitLength() < p) {
            bits = q.longValueExact();
        } else {
            long biased = quantum + (p - 1) + f.bias();
            bits = (biased << f.fb()) | (q.longValueExact() - (1L << f.fb()));
        }
        return new Result(bits | f.zero(sign), flags);
    }

    /** num compared with den * 2^e. */
    private static int compareScaled(BigInteger num, BigInteger den, int e) {
        return e >= 0 ? num.compareTo(den.shiftLeft(e)) : num.shiftLeft(-e).compareTo(den);
    }

    /** {rounded integer multiple of 2^quantum, remainder} for num / den. */
    private static BigInteger[] roundAt(int sign, BigInteger num, BigInteger den, int quantum, int rm) {
        BigInteger n = quantum <= 0 ? num.shiftLeft(-quantum) : num;
        BigInteger d = quantum <= 0 ? den : den.shiftLeft(quantum);
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        BigInteger r = qr[1];
        int half = r.shiftLeft(1).compareTo(d);
        boolean up = switch (rm) {
            case SoftFloat.RNE -> half > 0 || (half == 0 && q.testBit(0));
            case SoftFloat.RMM -> half >= 0;
            case SoftFloat.RUP -> sign == 0 && r.signum() != 0;
            case SoftFloat.RDN -> sign != 0 && r.signum() != 0;
            default -> false;
        };
        return new BigInteger[] {up ? q.add(BigInteger.ONE) : q, r};
    }

    /** Rounds a signed exact value sum * 2^scale; an exact zero gets {@code zeroSign}. */
    private static Result roundSigned(BigInteger value, int scale, int zeroSign, int rm, Format f) {
        if (value.signum() == 0) {
            return new Result(f.zero(zeroSign), 0);
        }
        int sign = value.signum() < 0 ? 1 : 0;
        BigInteger mag = value.abs();
        BigInteger num = scale >= 0 ? mag.shiftLeft(scale) : mag;
        BigInteger den = scale >= 0 ? BigInteger.ONE : BigInteger.ONE.shiftLeft(-scale);
        return round(sign, num, den, rm, f);
    }

    private static BigInteger signed(long bits, Format f) {
        BigInteger m = f.mant(bits);
        return f.sign(bits) != 0 ? m.negate() : m;
    }

    private static Result nan(int flags, Format f) {
        return new Result(f.canonicalNaN(), flags);
    }

    private static int nvIfSignaling(Format f, long... operands) {
        for (long x : operands) {
            if (f.isSNaN(x)) {
                return SoftFloat.NV;
            }
        }
        return 0;
    }

    static Result add(long a, long b, int rm, Format f) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(nvIfSignaling(f, a, b), f);
        }
        if (f.isInf(a) || f.isInf(b)) {
            if (f.isInf(a) && f.isInf(b) && f.sign(a) != f.sign(b)) {
                return nan(SoftFloat.NV, f);
            }
            return new Result(f.isInf(a) ? a : b, 0);
        }
        int scale = Math.min(f.scale(a), f.scale(b));
        BigInteger sum = signed(a, f).shiftLeft(f.scale(a) - scale)
                .add(signed(b, f).shiftLeft(f.scale(b) - scale));
        int zeroSign = f.isZero(a) && f.isZero(b) && f.sign(a) == f.sign(b)
                ? f.sign(a) : (rm == SoftFloat.RDN ? 1 : 0);
        return roundSigned(sum, scale, zeroSign, rm, f);
    }

    static Result mul(long a, long b, int rm, Format f) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(nvIfSignaling(f, a, b), f);
        }
        int sign = f.sign(a) ^ f.sign(b);
        if (f.isInf(a) || f.isInf(b)) {
            return f.isZero(a) || f.isZero(b) ? nan(SoftFloat.NV, f) : new Result(f.inf(sign), 0);
        }
        BigInteger product = signed(a, f).multiply(signed(b, f));
        return roundSigned(product, f.scale(a) + f.scale(b), sign, rm, f);
    }

    static Result div(long a, long b, int rm, Format f) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(nvIfSignaling(f, a, b), f);
        }
        int sign = f.sign(a) ^ f.sign(b);
        if ((f.isInf(a) && f.isInf(b)) || (f.isZero(a) && f.isZero(b))) {
            return nan(SoftFloat.NV, f);
        }
        if (f.isInf(a)) {
            return new Result(f.inf(sign), 0);
        }
        if (f.isInf(b) || f.isZero(a)) {
            return new Result(f.zero(sign), 0);
        }
        if (f.isZero(b)) {
            return new Result(f.inf(sign), SoftFloat.DZ);
        }
        int scale = f.scale(a) - f.scale(b);
        BigInteger num = f.mant(a).shiftLeft(Math.max(scale, 0));
        BigInteger den = f.mant(b).shiftLeft(Math.max(-scale, 0));
        return round(sign, num, den, rm, f);
    }

    static Result sqrt(long a, int rm, Format f) {
        if (f.isNaN(a)) {
            return nan(nvIfSignaling(f, a), f);
        }
        if (f.isZero(a)) {
            return new Result(a, 0);
        }
        if (f.sign(a) != 0) {
            return nan(SoftFloat.NV, f);
        }
        if (f.isInf(a)) {
            return new Result(a, 0);
        }
        // sqrt(m * 2^s) = sqrt(m * 2^(s + 2k)) / 2^k with the radicand an integer of many bits.
        // s + 2k >= 119 keeps the radicand an integer and leaves the root 60+ bits, beyond any precision.
        int k = Math.max(0, -f.scale(a)) / 2 + 60;
        BigInteger radicand = f.mant(a).shiftLeft(f.scale(a) + 2 * k);
        BigInteger root = radicand.sqrt();
        BigInteger den = BigInteger.ONE.shiftLeft(k);
        if (root.multiply(root).equals(radicand)) {
            return round(0, root, den, rm, f);
        }
        // Inexact: root + 1/2 lies strictly between the same rounding boundaries as the true root.
        return round(0, root.shiftLeft(1).add(BigInteger.ONE), den.shiftLeft(1), rm, f);
    }

    static Result fma(long a, long b, long c, int rm, Format f) {
        boolean invalidProduct = (f.isInf(a) && f.isZero(b)) || (f.isZero(a) && f.isInf(b));
        if (f.isNaN(a) || f.isNaN(b) || f.isNaN(c) || invalidProduct) {
            return nan(invalidProduct ? SoftFloat.NV : nvIfSignaling(f, a, b, c), f);
        }
        int signP = f.sign(a) ^ f.sign(b);
        if (f.isInf(a) || f.isInf(b)) {
            if (f.isInf(c) && f.sign(c) != signP) {
                return nan(SoftFloat.NV, f);
            }
            return new Result(f.inf(signP), 0);
        }
        if (f.isInf(c)) {
            return new Result(c, 0);
        }
        int scaleP = f.scale(a) + f.scale(b);
        int scale = Math.min(scaleP, f.scale(c));
        BigInteger sum = signed(a, f).multiply(signed(b, f)).shiftLeft(scaleP - scale)
                .add(signed(c, f).shiftLeft(f.scale(c) - scale));
        boolean productZero = f.isZero(a) || f.isZero(b);
        int zeroSign = productZero && f.isZero(c) && signP == f.sign(c)
                ? signP : (rm == SoftFloat.RDN ? 1 : 0);
        return roundSigned(sum, scale, zeroSign, rm, f);
    }

    /** Float to float; NaN becomes canonical. */
    static Result convert(long a, int rm, Format from, Format to) {
        if (from.isNaN(a)) {
            return nan(nvIfSignaling(from, a), to);
        }
        if (from.isInf(a)) {
            return new Result(to.inf(from.sign(a)), 0);
        }
        return roundSigned(signed(a, from), from.scale(a), from.sign(a), rm, to);
    }

    /** Integer (given exactly) to float. */
    static Result fromInt(BigInteger v, int rm, Format f) {
        return roundSigned(v, 0, 0, rm, f);
    }

    /** Float to integer in [min, max] with RISC-V saturation (NaN counts as positive overflow). */
    static Result toInt(long a, int rm, Format f, BigInteger min, BigInteger max) {
        if (f.isNaN(a)) {
            return new Result(max.longValue(), SoftFloat.NV);
        }
        if (f.isInf(a)) {
            return new Result((f.sign(a) != 0 ? min : max).longValue(), SoftFloat.NV);
        }
        // |a| = mant * 2^scale: round to an integer (quantum 2^0) with the sign applied after.
        int scale = f.scale(a);
        BigInteger num = scale >= 0 ? f.mant(a).shiftLeft(scale) : f.mant(a);
        BigInteger den = scale >= 0 ? BigInteger.ONE : BigInteger.ONE.shiftLeft(-scale);
        BigInteger[] magnitude = roundAt(f.sign(a), num, den, 0, rm);
        BigInteger rounded = f.sign(a) != 0 ? magnitude[0].negate() : magnitude[0];
        boolean inexact = magnitude[1].signum() != 0;
        if (rounded.compareTo(min) < 0) {
            return new Result(min.longValue(), SoftFloat.NV);
        }
        if (rounded.compareTo(max) > 0) {
            return new Result(max.longValue(), SoftFloat.NV);
        }
        return new Result(rounded.longValue(), inexact ? SoftFloat.NX : 0);
    }
}
