package dev.termpress.emulator.cpu;

/**
 * F/D arithmetic, compares, conversions and classification through the soft-float library.
 * Until that library is wired in, these instructions raise illegal-instruction traps.
 */
final class FpArithmetic {

    private final Cpu cpu;

    FpArithmetic(Cpu cpu) {
        this.cpu = cpu;
    }

    long fused(int insn, int raw, long pc) {
        return cpu.illegal(raw, pc);
    }

    long operate(int insn, int raw, long pc, boolean dbl) {
        return cpu.illegal(raw, pc);
    }

    long classify(int insn, int raw, long pc, boolean dbl) {
        return cpu.illegal(raw, pc);
    }
}
