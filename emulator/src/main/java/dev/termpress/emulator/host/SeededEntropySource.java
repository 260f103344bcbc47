package dev.termpress.emulator.host;

/**
 * Reproducible "random" bytes from a seed (SplitMix64), so tests and {@code termpress check} runs
 * behave the same every time. Not for anything that needs real randomness.
 */
public final class SeededEntropySource implements EntropySource {

    private static final long GOLDEN_GAMMA = 0x9e37_79b9_7f4a_7c15L;

    private long state;
    /** Bytes of the last word not handed out yet, so the stream does not depend on how calls split it. */
    private long leftover;
    private int leftoverBytes;

    /** Creates a source whose byte sequence is fixed by {@code seed}. */
    public SeededEntropySource(long seed) {
        this.state = seed;
    }

    @Override
    public void fill(byte[] buffer, int offset, int length) {
        for (int i = 0; i < length; i++) {
            if (leftoverBytes == 0) {
                leftover = next();
                leftoverBytes = 8;
            }
            buffer[offset + i] = (byte) leftover;
            leftover >>>= 8;
            leftoverBytes--;
        }
    }

    private long next() {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xbf58_476d_1ce4_e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d0_49bb_1331_11ebL;
        return z ^ (z >>> 31);
    }
}
