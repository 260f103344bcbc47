package dev.termpress.emulator.cpu;

import dev.termpress.emulator.cpu.fpu.SoftFloat;

/**
 * F/D arithmetic, fused multiply-add, compares, conversions and classification (unprivileged spec
 * chapters 20–21) through {@link SoftFloat}, whose {@code flags} field is the hart's fflags.
 * Singles are unboxed on read and NaN-boxed on write; the fused variants negate operands by
 * flipping sign bits, which keeps one rounding.
 */
final class FpArithmetic {

    private static final int DYNAMIC_RM = 7;
    private static final int MAX_VALID_RM = SoftFloat.RMM;
    private static final long SIGN_64 = Long.MIN_VALUE;
    private static final int SIGN_32 = 0x8000_0000;

    // funct5 values of OP-FP (funct7 >> 2).
    private static final int FADD = 0x00;
    private static final int FSUB = 0x01;
    private static final int FMUL = 0x02;
    private static final int FDIV = 0x03;
    private static final int FMINMAX = 0x05;
    private static final int FCVT_FP_FP = 0x08;
    private static final int FSQRT = 0x0b;
    private static final int FCMP = 0x14;
    private static final int FCVT_INT_FROM_FP = 0x18;
    private static final int FCVT_FP_FROM_INT = 0x1a;

    // Fused opcodes.
    private static final int FMSUB = 0x47;
    private static final int FNMSUB = 0x4b;
    private static final int FNMADD = 0x4f;

    private final Cpu cpu;
    private final SoftFloat sf;

    FpArithmetic(Cpu cpu) {
        this.cpu = cpu;
        this.sf = cpu.softFloat;
    }

    /** The effective rounding mode, or -1 if it is reserved (5, 6, or a reserved frm). */
    private int roundingMode(int funct3) {
        int rm = funct3 == DYNAMIC_RM ? cpu.frm : funct3;
        return rm > MAX_VALID_RM ? -1 : rm;
    }

    private void dirty() {
        cpu.mstatus |= Csr.MSTATUS_FS_DIRTY;
    }

    private long writeF(int rd, long bits, long pc) {
        cpu.f[rd] = bits;
        dirty();
        return pc + 4;
    }

    private long writeX(int rd, long value, long pc) {
        if (rd != 0) {
            cpu.x[rd] = value;
        }
        dirty();
        return pc + 4;
    }

    /** FMADD, FMSUB, FNMSUB, FNMADD. */
    long fused(int insn, int raw, long pc) {
        int fmt = (insn >>> 25) & 3;
        int rm = roundingMode((insn >>> 12) & 7);
        if (fmt > 1 || rm < 0) {
            return cpu.illegal(raw, pc);
        }
        int opcode = insn & 0x7f;
        boolean negateProduct = opcode == FNMSUB || opcode == FNMADD;
        boolean negateAddend = opcode == FMSUB || opcode == FNMADD;
        long[] f = cpu.f;
        int rd = (insn >>> 7) & 31;
        long a = f[(insn >>> 15) & 31];
        long b = f[(insn >>> 20) & 31];
        long c = f[insn >>> 27];
        if (fmt == 1) {
            long x = negateProduct ? a ^ SIGN_64 : a;
            long z = negateAddend ? c ^ SIGN_64 : c;
            return writeF(rd, sf.fma64(x, b, z, rm), pc);
        }
        int x = FpUnit.unbox(a);
        int z = FpUnit.unbox(c);
        x = negateProduct ? x ^ SIGN_32 : x;
        z = negateAddend ? z ^ SIGN_32 : z;
        return writeF(rd, FpUnit.box(sf.fma32(x, FpUnit.unbox(b), z, rm)), pc);
    }

    /** FCLASS.S / FCLASS.D. */
    long classify(int insn, int raw, long pc, boolean dbl) {
        long[] f = cpu.f;
        int rs1 = (insn >>> 15) & 31;
        int mask = dbl ? SoftFloat.classify64(f[rs1]) : SoftFloat.classify32(FpUnit.unbox(f[rs1]));
        int rd = (insn >>> 7) & 31;
        if (rd != 0) {
            cpu.x[rd] = mask;
        }
        return pc + 4;
    }

    /** OP-FP instructions other than sign injection and moves. */
    long operate(int insn, int raw, long pc, boolean dbl) {
        int funct5 = insn >>> 27;
        int funct3 = (insn >>> 12) & 7;
        int rd = (insn >>> 7) & 31;
        int rs1 = (insn >>> 15) & 31;
        int rs2 = (insn >>> 20) & 31;
        long[] f = cpu.f;
        switch (funct5) {
            case FADD:
            case FSUB:
            case FMUL:
            case FDIV:
            case FSQRT: {
                int rm = roundingMode(funct3);
                if (rm < 0 || (funct5 == FSQRT && rs2 != 0)) {
                    return cpu.illegal(raw, pc);
                }
                return writeF(rd, dbl ? binary64(funct5, f[rs1], f[rs2], rm)
                        : FpUnit.box(binary32(funct5, FpUnit.unbox(f[rs1]), FpUnit.unbox(f[rs2]), rm)), pc);
            }
            case FMINMAX: {
                if (funct3 > 1) {
                    return cpu.illegal(raw, pc);
                }
                boolean max = funct3 == 1;
                if (dbl) {
                    return writeF(rd, max ? sf.max64(f[rs1], f[rs2]) : sf.min64(f[rs1], f[rs2]), pc);
                }
                int a = FpUnit.unbox(f[rs1]);
                int b = FpUnit.unbox(f[rs2]);
                return writeF(rd, FpUnit.box(max ? sf.max32(a, b) : sf.min32(a, b)), pc);
            }
            case FCVT_FP_FP: {
                int rm = roundingMode(funct3);
                if (dbl && rs2 == 0 && rm >= 0) { // FCVT.D.S
                    return writeF(rd, sf.cvt64From32(FpUnit.unbox(f[rs1])), pc);
                }
                if (!dbl && rs2 == 1 && rm >= 0) { // FCVT.S.D
                    return writeF(rd, FpUnit.box(sf.cvt32From64(f[rs1], rm)), pc);
                }
                return cpu.illegal(raw, pc);
            }
            case FCMP: {
                if (funct3 > 2) {
                    return cpu.illegal(raw, pc);
                }
                boolean result;
                if (dbl) {
                    long a = f[rs1];
                    long b = f[rs2];
                    result = funct3 == 2 ? sf.eq64(a, b) : funct3 == 1 ? sf.lt64(a, b) : sf.le64(a, b);
                } else {
                    int a = FpUnit.unbox(f[rs1]);
                    int b = FpUnit.unbox(f[rs2]);
                    result = funct3 == 2 ? sf.eq32(a, b) : funct3 == 1 ? sf.lt32(a, b) : sf.le32(a, b);
                }
                return writeX(rd, result ? 1 : 0, pc);
            }
            case FCVT_INT_FROM_FP: {
                int rm = roundingMode(funct3);
                if (rm < 0 || rs2 > 3) {
                    return cpu.illegal(raw, pc);
                }
                return writeX(rd, dbl ? toInteger64(rs2, f[rs1], rm) : toInteger32(rs2, FpUnit.unbox(f[rs1]), rm), pc);
            }
            case FCVT_FP_FROM_INT: {
                int rm = roundingMode(funct3);
                if (rm < 0 || rs2 > 3) {
                    return cpu.illegal(raw, pc);
                }
                long v = cpu.x[rs1];
                return writeF(rd, dbl ? fromInteger64(rs2, v, rm) : FpUnit.box(fromInteger32(rs2, v, rm)), pc);
            }
            default:
                return cpu.illegal(raw, pc);
        }
    }

    private long binary64(int funct5, long a, long b, int rm) {
        switch (funct5) {
            case FADD:
                return sf.add64(a, b, rm);
            case FSUB:
                return sf.sub64(a, b, rm);
            case FMUL:
                return sf.mul64(a, b, rm);
            case FDIV:
                return sf.div64(a, b, rm);
            default:
                return sf.sqrt64(a, rm);
        }
    }

    private int binary32(int funct5, int a, int b, int rm) {
        switch (funct5) {
            case FADD:
                return sf.add32(a, b, rm);
            case FSUB:
                return sf.sub32(a, b, rm);
            case FMUL:
                return sf.mul32(a, b, rm);
            case FDIV:
                return sf.div32(a, b, rm);
            default:
                return sf.sqrt32(a, rm);
        }
    }

    /** FCVT.{W,WU,L,LU}.D by rs2 = 0..3. */
    private long toInteger64(int kind, long a, int rm) {
        switch (kind) {
            case 0:
                return sf.cvtW64(a, rm);
            case 1:
                return sf.cvtWU64(a, rm);
            case 2:
                return sf.cvtL64(a, rm);
            default:
                return sf.cvtLU64(a, rm);
        }
    }

    private long toInteger32(int kind, int a, int rm) {
        switch (kind) {
            case 0:
                return sf.cvtW32(a, rm);
            case 1:
                return sf.cvtWU32(a, rm);
            case 2:
                return sf.cvtL32(a, rm);
            default:
                return sf.cvtLU32(a, rm);
        }
    }

    /** FCVT.D.{W,WU,L,LU} by rs2 = 0..3. */
    private long fromInteger64(int kind, long v, int rm) {
        switch (kind) {
            case 0:
                return sf.cvt64FromW(v, rm);
            case 1:
                return sf.cvt64FromWU(v, rm);
            case 2:
                return sf.cvt64FromL(v, rm);
            default:
                return sf.cvt64FromLU(v, rm);
        }
    }

    private int fromInteger32(int kind, long v, int rm) {
        switch (kind) {
            case 0:
                return sf.cvt32FromW(v, rm);
            case 1:
                return sf.cvt32FromWU(v, rm);
            case 2:
                return sf.cvt32FromL(v, rm);
            default:
                return sf.cvt32FromLU(v, rm);
        }
    }
}
