package dev.termpress.runtime.jit;

/**
 * {@link GuestLoop}'s inner loop translated to JavaScript instead (the fourth option): the source of a
 * function {@code (ram: Int32Array, regs: Int32Array, budget) -> instructions run}, for {@code new
 * Function}. JavaScript has no 64-bit integer but BigInt (far too slow for registers), so every
 * 64-bit register is a pair of int32 halves in {@code regs} (x[i] low at 2i, high at 2i+1; the pc at
 * 64, 65) and 64-bit adds carry by hand: what a JavaScript back end for RV64 would have to emit.
 */
public final class LoopKernelScript {
    private LoopKernelScript() {
    }

    /** The function's source: a JavaScript function expression. */
    public static String source(long ramBytes) {
        String limit = Long.toString(ramBytes - 3);
        StringBuilder s = new StringBuilder();
        s.append("(function (ram, regs, budget) {\n");
        for (String[] r : registers()) {
            s.append("  let ").append(r[0]).append("l = regs[").append(2 * Integer.parseInt(r[1])).append("], ")
                    .append(r[0]).append("h = regs[").append(2 * Integer.parseInt(r[1]) + 1).append("];\n");
        }
        s.append("  let done = 0, pc = ").append(GuestLoop.INNER_PC).append(", off = 0, lo = 0;\n");
        s.append("  for (;;) {\n");
        s.append("    if (done >= budget) break;\n");
        // lw t0, 0(a0): a RAM word only when the high half is 0 and the low half is at or above 2^31
        s.append("    off = (a0l >>> 0) - 2147483648;\n");
        s.append("    if (a0h !== 0 || off < 0 || off >= ").append(limit).append(" || (off & 3) !== 0) { pc = ")
                .append(GuestLoop.INNER_PC).append("; break; }\n");
        s.append("    t0l = ram[off >>> 2]; t0h = t0l >> 31;\n");
        // add t1, t1, t0
        s.append("    lo = (t1l + t0l) | 0; t1h = (t1h + t0h + ((lo >>> 0) < (t1l >>> 0) ? 1 : 0)) | 0; t1l = lo;\n");
        // sw t1, 0(a0)
        s.append("    if (a0h !== 0 || off < 0 || off >= ").append(limit).append(" || (off & 3) !== 0) { pc = ")
                .append(GuestLoop.STORE_PC).append("; done += 2; break; }\n");
        s.append("    ram[off >>> 2] = t1l;\n");
        // addi a0, a0, 4; addi a1, a1, -1
        s.append("    lo = (a0l + 4) | 0; a0h = (a0h + ((lo >>> 0) < (a0l >>> 0) ? 1 : 0)) | 0; a0l = lo;\n");
        s.append("    lo = (a1l - 1) | 0; a1h = (a1h - 1 + ((lo >>> 0) < (a1l >>> 0) ? 1 : 0)) | 0; a1l = lo;\n");
        s.append("    done += ").append(GuestLoop.INSTRUCTIONS_PER_ITERATION).append(";\n");
        s.append("    if ((a1l | a1h) !== 0) continue;\n");
        s.append("    a0l = s0l; a0h = s0h; a1l = ").append(GuestLoop.WORDS_PER_PASS).append("; a1h = 0; done += ")
                .append(GuestLoop.INSTRUCTIONS_BETWEEN_PASSES).append(";\n");
        s.append("  }\n");
        for (String[] r : registers()) {
            int i = 2 * Integer.parseInt(r[1]);
            s.append("  regs[").append(i).append("] = ").append(r[0]).append("l; regs[").append(i + 1).append("] = ")
                    .append(r[0]).append("h;\n");
        }
        s.append("  regs[64] = pc | 0; regs[65] = 0;\n");
        s.append("  return done;\n");
        s.append("})");
        return s.toString();
    }

    private static String[][] registers() {
        return new String[][] {{"t0", Integer.toString(GuestLoop.T0)}, {"t1", Integer.toString(GuestLoop.T1)},
            {"s0", Integer.toString(GuestLoop.S0)}, {"a0", Integer.toString(GuestLoop.A0)},
            {"a1", Integer.toString(GuestLoop.A1)}};
    }
}
