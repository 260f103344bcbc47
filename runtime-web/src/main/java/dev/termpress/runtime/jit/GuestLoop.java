package dev.termpress.runtime.jit;

/**
 * The guest program the back-end spike measures: a load/add/store/branch loop over a 16 KiB buffer,
 * RV64I machine code for address {@link #ENTRY} (bare metal, M-mode, no paging):
 * <pre>
 * _start: auipc s0, 0x100      # s0 = the buffer, 1 MiB above the code
 * outer:  mv    a0, s0
 *         lui   a1, 0x1        # 4096 words
 * inner:  lw    t0, 0(a0)
 *         add   t1, t1, t0
 *         sw    t1, 0(a0)
 *         addi  a0, a0, 4
 *         addi  a1, a1, -1
 *         bnez  a1, inner
 *         j     outer
 * </pre>
 */
public final class GuestLoop {
    public static final long ENTRY = 0x8000_0000L;
    /** The pc of {@code inner}, where translated code enters (after the three set-up instructions). */
    public static final long INNER_PC = ENTRY + 0xC;
    public static final long STORE_PC = ENTRY + 0x14;
    public static final long BUFFER = ENTRY + 0x10_0000L;
    public static final int WORDS_PER_PASS = 4096;
    public static final int SETUP_INSTRUCTIONS = 3;
    public static final int INSTRUCTIONS_PER_ITERATION = 6;
    /** {@code j outer}, {@code mv}, {@code lui}: the instructions between two passes. */
    public static final int INSTRUCTIONS_BETWEEN_PASSES = 3;
    public static final int INSTRUCTIONS_PER_PASS = WORDS_PER_PASS * INSTRUCTIONS_PER_ITERATION
            + INSTRUCTIONS_BETWEEN_PASSES;

    /** Guest registers the loop uses. */
    public static final int T0 = 5;
    public static final int T1 = 6;
    public static final int S0 = 8;
    public static final int A0 = 10;
    public static final int A1 = 11;

    private static final int[] CODE = {
        0x0010_0417, // auipc s0, 0x100
        0x0004_0513, // mv a0, s0
        0x0000_15B7, // lui a1, 0x1
        0x0005_2283, // lw t0, 0(a0)
        0x0053_0333, // add t1, t1, t0
        0x0065_2023, // sw t1, 0(a0)
        0x0045_0513, // addi a0, a0, 4
        0xFFF5_8593, // addi a1, a1, -1
        0xFE05_96E3, // bnez a1, inner
        0xFE1F_F06F, // j outer
    };

    private GuestLoop() {
    }

    /** The program's bytes, little-endian, to load at {@link #ENTRY}. */
    public static byte[] code() {
        byte[] bytes = new byte[CODE.length * 4];
        for (int i = 0; i < CODE.length; i++) {
            for (int b = 0; b < 4; b++) {
                bytes[i * 4 + b] = (byte) (CODE[i] >>> (8 * b));
            }
        }
        return bytes;
    }
}
