package dev.termpress.emulator.cpu;

/**
 * The A extension (unprivileged spec chapter 14): LR/SC with a single reservation and the AMOs.
 * One hart, so every AMO is trivially atomic; aq/rl need no action.
 */
final class Atomics {

    private static final int LR = 0x02;
    private static final int SC = 0x03;
    private static final int AMOSWAP = 0x01;
    private static final int AMOADD = 0x00;
    private static final int AMOXOR = 0x04;
    private static final int AMOAND = 0x0c;
    private static final int AMOOR = 0x08;
    private static final int AMOMIN = 0x10;
    private static final int AMOMAX = 0x14;
    private static final int AMOMINU = 0x18;
    private static final int AMOMAXU = 0x1c;

    private Atomics() {
    }

    /** Executes AMO-opcode instruction {@code insn} at {@code pc}; returns the next pc. */
    static long execute(Cpu cpu, int insn, int raw, long pc) {
        int funct3 = (insn >>> 12) & 7;
        int funct5 = insn >>> 27;
        int rd = (insn >>> 7) & 31;
        int rs1 = (insn >>> 15) & 31;
        int rs2 = (insn >>> 20) & 31;
        if ((funct3 != 2 && funct3 != 3) || !known(funct5) || (funct5 == LR && rs2 != 0)) {
            return cpu.illegal(raw, pc);
        }
        boolean word = funct3 == 2;
        int size = word ? 4 : 8;
        long va = cpu.x[rs1];
        long[] x = cpu.x;
        if ((va & (size - 1)) != 0) {
            return cpu.raise(funct5 == LR ? Trap.LOAD_MISALIGNED : Trap.STORE_MISALIGNED, va, pc);
        }
        Mmu mmu = cpu.mmu;
        if (funct5 == LR) {
            long pa = mmu.translate(va, Mmu.LOAD);
            if (pa == -1) {
                return cpu.takePendingTrap(pc);
            }
            long value = mmu.loadPhysical(pa, size, va);
            if (cpu.trapPending) {
                return cpu.takePendingTrap(pc);
            }
            cpu.reservation = pa;
            setRd(x, rd, word ? (int) value : value);
            return pc + 4;
        }
        long pa = mmu.translate(va, Mmu.STORE);
        if (pa == -1) {
            return cpu.takePendingTrap(pc);
        }
        if (!cpu.ram.contains(pa, size)) {
            return cpu.raise(Trap.STORE_ACCESS_FAULT, va, pc); // no atomics on device registers
        }
        if (funct5 == SC) {
            boolean success = cpu.reservation == pa;
            cpu.reservation = -1;
            if (success) {
                mmu.storePhysical(pa, size, x[rs2], va);
            }
            setRd(x, rd, success ? 0 : 1);
            return pc + 4;
        }
        long old = mmu.loadPhysical(pa, size, va);
        if (word) {
            old = (int) old;
        }
        long operand = word ? (int) x[rs2] : x[rs2];
        long result = compute(funct5, old, operand, word);
        mmu.storePhysical(pa, size, result, va);
        setRd(x, rd, old);
        return pc + 4;
    }

    private static void setRd(long[] x, int rd, long value) {
        if (rd != 0) {
            x[rd] = value;
        }
    }

    private static boolean known(int funct5) {
        switch (funct5) {
            case LR:
            case SC:
            case AMOSWAP:
            case AMOADD:
            case AMOXOR:
            case AMOAND:
            case AMOOR:
            case AMOMIN:
            case AMOMAX:
            case AMOMINU:
            case AMOMAXU:
                return true;
            default:
                return false;
        }
    }

    /** The AMO's new memory value; word operands arrive sign-extended, so compares work on 64 bits. */
    private static long compute(int funct5, long a, long b, boolean word) {
        switch (funct5) {
            case AMOSWAP:
                return b;
            case AMOADD:
                return a + b;
            case AMOXOR:
                return a ^ b;
            case AMOAND:
                return a & b;
            case AMOOR:
                return a | b;
            case AMOMIN:
                return Math.min(a, b);
            case AMOMAX:
                return Math.max(a, b);
            case AMOMINU:
                return unsignedLess(a, b, word) ? a : b;
            default:
                return unsignedLess(a, b, word) ? b : a;
        }
    }

    private static boolean unsignedLess(long a, long b, boolean word) {
        if (word) {
            return Integer.compareUnsigned((int) a, (int) b) < 0;
        }
        return Long.compareUnsigned(a, b) < 0;
    }
}
