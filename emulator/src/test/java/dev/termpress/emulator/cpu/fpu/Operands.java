package dev.termpress.emulator.cpu.fpu;

import java.util.Random;

/** Random operands weighted towards the cases where rounding code goes wrong. */
final class Operands {

    private final Random random;
    private final ExactReference.Format f;

    Operands(long seed, ExactReference.Format f) {
        this.random = new Random(seed);
        this.f = f;
    }

    private long fractionMask() {
        return (1L << f.fb()) - 1;
    }

    private long build(int sign, int field, long fraction) {
        return f.zero(sign) | ((long) field << f.fb()) | (fraction & fractionMask());
    }

    /** A fraction with only its top few bits random: exact results, ties and halfway cases. */
    private long shortFraction() {
        int kept = random.nextInt(4);
        return (random.nextLong() & fractionMask()) >>> (f.fb() - kept) << (f.fb() - kept);
    }

    /** A fraction next to a round boundary: all ones or all zeros in its low part. */
    private long edgyFraction() {
        long base = random.nextLong() & fractionMask();
        int low = random.nextInt(f.fb());
        long lowMask = (1L << low) - 1;
        return random.nextBoolean() ? base | lowMask : base & ~lowMask;
    }

    /** Any operand, special values included. */
    long next() {
        int sign = random.nextInt(2);
        int kind = random.nextInt(20);
        int max = f.maxField();
        switch (kind) {
            case 0:
                return special(sign);
            case 1:
            case 2:
                return build(sign, 0, random.nextLong() >>> random.nextInt(64)); // subnormal
            case 3:
                return build(sign, 1 + random.nextInt(3), random.nextLong()); // near min normal
            case 4:
                return build(sign, max - 1 - random.nextInt(3), random.nextLong()); // near overflow
            case 5:
            case 6:
                return build(sign, 1 + random.nextInt(max - 1), shortFraction());
            case 7:
            case 8:
                return build(sign, 1 + random.nextInt(max - 1), edgyFraction());
            case 9:
            case 10:
            case 11:
                // Moderate exponents: products and sums stay in range more often.
                return build(sign, f.bias() - 40 + random.nextInt(80), random.nextLong());
            default:
                return build(sign, 1 + random.nextInt(max - 1), random.nextLong());
        }
    }

    /** An operand close in magnitude to {@code x}: cancellation in add, fma and near-one quotients. */
    long near(long x) {
        if (!f.isNaN(x) && !f.isInf(x) && random.nextInt(3) != 0) {
            int field = f.field(x);
            int shifted = field + random.nextInt(5) - 2;
            if (shifted >= 1 && shifted < f.maxField()) {
                long fraction = random.nextBoolean() ? f.frac(x) ^ (random.nextLong() & ((1L << random.nextInt(f.fb())) - 1))
                        : random.nextLong();
                return build(random.nextInt(2), shifted, fraction);
            }
        }
        return next();
    }

    /** Zeros, infinities, NaNs and extremes. */
    long special(int sign) {
        switch (random.nextInt(9)) {
            case 0:
                return f.zero(sign);
            case 1:
                return f.inf(sign);
            case 2:
                return f.canonicalNaN() | f.zero(sign) | (random.nextLong() & (fractionMask() >>> 1));
            case 3:
                return f.inf(sign) | (1 + (random.nextLong() & (fractionMask() >>> 2))); // signaling
            case 4:
                return f.inf(sign) - 1; // max finite
            case 5:
                return f.zero(sign) | 1; // min subnormal
            case 6:
                return f.zero(sign) | (1L << f.fb()); // min normal
            case 7:
                return f.zero(sign) | fractionMask(); // max subnormal
            default:
                return f.zero(sign) | ((long) f.bias() << f.fb()); // one
        }
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    long nextLong() {
        return random.nextLong();
    }
}
