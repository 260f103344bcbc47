package dev.termpress.emulator.cpu;

/**
 * The F and D extensions' register side (unprivileged spec chapters 20–21): the mstatus.FS gate,
 * loads and stores, NaN-boxing, moves and sign injection on raw bits (TeaVM loses a NaN's sign on
 * {@code -x}). Arithmetic, compares and conversions go to {@link FpArithmetic}.
 */
final class FpUnit {

    /** Upper word of a NaN-boxed single (§21.2). */
    static final long BOX = 0xffff_ffff_0000_0000L;
    /** The canonical single NaN, what an improperly boxed single reads as. */
    static final int CANONICAL_NAN_32 = 0x7fc0_0000;
    private static final int SIGN_32 = 0x8000_0000;
    private static final long SIGN_64 = Long.MIN_VALUE;

    private static final int FUNCT5_FSGNJ = 0x04;
    private static final int FUNCT5_FMV_X = 0x1c;
    private static final int FUNCT5_FMV_F = 0x1e;

    private final Cpu cpu;
    private final FpArithmetic arithmetic;

    FpUnit(Cpu cpu) {
        this.cpu = cpu;
        this.arithmetic = new FpArithmetic(cpu);
    }

    static long box(int single) {
        return BOX | (single & 0xffff_ffffL);
    }

    static int unbox(long bits) {
        return (bits & BOX) == BOX ? (int) bits : CANONICAL_NAN_32;
    }

    /**
     * Executes FP instruction {@code insn} at {@code pc}, {@code length} bytes long (C.FLD and
     * friends are 2); returns the next pc.
     */
    long execute(int insn, int raw, long pc, int length) {
        if ((cpu.mstatus & Csr.MSTATUS_FS) == 0) {
            return cpu.illegal(raw, pc); // FS=Off: every FP instruction is illegal (§3.1.6.6)
        }
        int rd = (insn >>> 7) & 31;
        int rs1 = (insn >>> 15) & 31;
        int funct3 = (insn >>> 12) & 7;
        switch (insn & 0x7f) {
            case 0x07:
                return load(insn, raw, pc, length, rd, rs1, funct3);
            case 0x27:
                return store(insn, raw, pc, length, rs1, funct3);
            case 0x53:
                return operate(insn, raw, pc, rd, rs1, funct3);
            default:
                return arithmetic.fused(insn, raw, pc);
        }
    }

    private long load(int insn, int raw, long pc, int length, int rd, int rs1, int funct3) {
        if (funct3 != 2 && funct3 != 3) {
            return cpu.illegal(raw, pc);
        }
        long va = cpu.x[rs1] + (insn >> 20);
        long value = cpu.mmu.load(va, funct3 == 2 ? 6 : 3);
        if (cpu.trapPending) {
            return cpu.takePendingTrap(pc);
        }
        cpu.f[rd] = funct3 == 2 ? BOX | value : value;
        dirty();
        return pc + length;
    }

    private long store(int insn, int raw, long pc, int length, int rs1, int funct3) {
        if (funct3 != 2 && funct3 != 3) {
            return cpu.illegal(raw, pc);
        }
        long va = cpu.x[rs1] + (((insn >> 25) << 5) | ((insn >>> 7) & 0x1f));
        cpu.mmu.store(va, funct3, cpu.f[(insn >>> 20) & 31]);
        if (cpu.trapPending) {
            return cpu.takePendingTrap(pc);
        }
        return pc + length;
    }

    private long operate(int insn, int raw, long pc, int rd, int rs1, int funct3) {
        int funct7 = insn >>> 25;
        int rs2 = (insn >>> 20) & 31;
        boolean dbl = (funct7 & 1) != 0;
        if ((funct7 & 2) != 0) {
            return cpu.illegal(raw, pc); // fmt H and Q are not implemented
        }
        long[] f = cpu.f;
        switch (funct7 >>> 2) {
            case FUNCT5_FSGNJ: {
                if (funct3 > 2) {
                    return cpu.illegal(raw, pc);
                }
                if (dbl) {
                    long a = f[rs1];
                    long b = f[rs2];
                    long sign = funct3 == 0 ? b : funct3 == 1 ? ~b : a ^ b;
                    f[rd] = (a & ~SIGN_64) | (sign & SIGN_64);
                } else {
                    int a = unbox(f[rs1]);
                    int b = unbox(f[rs2]);
                    int sign = funct3 == 0 ? b : funct3 == 1 ? ~b : a ^ b;
                    f[rd] = box((a & ~SIGN_32) | (sign & SIGN_32));
                }
                dirty();
                return pc + 4;
            }
            case FUNCT5_FMV_X:
                if (rs2 != 0 || funct3 > 1) {
                    return cpu.illegal(raw, pc);
                }
                if (funct3 == 1) {
                    return arithmetic.classify(insn, raw, pc, dbl);
                }
                if (rd != 0) {
                    cpu.x[rd] = dbl ? f[rs1] : (int) f[rs1]; // FMV.X.W sign-extends the raw low word
                }
                return pc + 4;
            case FUNCT5_FMV_F:
                if (rs2 != 0 || funct3 != 0) {
                    return cpu.illegal(raw, pc);
                }
                f[rd] = dbl ? cpu.x[rs1] : box((int) cpu.x[rs1]);
                dirty();
                return pc + 4;
            default:
                return arithmetic.operate(insn, raw, pc, dbl);
        }
    }

    private void dirty() {
        cpu.mstatus |= Csr.MSTATUS_FS_DIRTY;
    }
}
