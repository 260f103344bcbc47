package dev.termpress.emulator.cpu;

import java.util.Arrays;

/**
 * A copy of a hart's architectural state for lockstep comparison: registers, pc, privilege,
 * counters, the trap CSRs and the reservation. Not a snapshot format (it leaves out what a block
 * cannot change, such as the FP status of a block without FP instructions, only to be cheap).
 */
public final class CpuState {

    private static final String[] NAMES = {
        "pc", "privilege", "executed count", "counter offset", "mstatus", "mepc", "mcause", "mtval",
        "sepc", "scause", "stval", "mip", "mie", "satp", "reservation", "waiting", "halted", "fflags",
    };

    final long[] x = new long[32];
    final long[] f = new long[32];
    final long[] other = new long[NAMES.length];

    private CpuState() {
    }

    static CpuState of(Cpu cpu) {
        CpuState s = new CpuState();
        System.arraycopy(cpu.x, 0, s.x, 0, 32);
        s.x[0] = 0;
        System.arraycopy(cpu.f, 0, s.f, 0, 32);
        long[] o = s.other;
        o[0] = cpu.pc;
        o[1] = cpu.priv;
        o[2] = cpu.instret;
        o[3] = cpu.counterOffset;
        o[4] = cpu.mstatus;
        o[5] = cpu.mepc;
        o[6] = cpu.mcause;
        o[7] = cpu.mtval;
        o[8] = cpu.sepc;
        o[9] = cpu.scause;
        o[10] = cpu.stval;
        o[11] = cpu.mip;
        o[12] = cpu.mie;
        o[13] = cpu.satp;
        o[14] = cpu.reservation;
        o[15] = cpu.waiting ? 1 : 0;
        o[16] = cpu.halted ? 1 : 0;
        o[17] = cpu.softFloat.flags;
        return s;
    }

    void restoreInto(Cpu cpu) {
        System.arraycopy(x, 1, cpu.x, 1, 31);
        System.arraycopy(f, 0, cpu.f, 0, 32);
        long[] o = other;
        cpu.pc = o[0];
        cpu.priv = (int) o[1];
        cpu.instret = o[2];
        cpu.counterOffset = o[3];
        cpu.mstatus = o[4];
        cpu.mepc = o[5];
        cpu.mcause = o[6];
        cpu.mtval = o[7];
        cpu.sepc = o[8];
        cpu.scause = o[9];
        cpu.stval = o[10];
        cpu.mip = o[11];
        cpu.mie = o[12];
        cpu.satp = o[13];
        cpu.reservation = o[14];
        cpu.waiting = o[15] != 0;
        cpu.halted = o[16] != 0;
        cpu.softFloat.flags = (int) o[17];
        cpu.trapPending = false;
        cpu.updateTranslationKeys();
    }

    /** The pc. */
    public long pc() {
        return other[0];
    }

    /** The first difference from {@code translated}, described, or null when they are equal. */
    public String firstDifference(CpuState translated) {
        for (int i = 0; i < other.length; i++) {
            if (other[i] != translated.other[i]) {
                return NAMES[i] + ": interpreter 0x" + Long.toHexString(other[i]) + ", translated 0x"
                        + Long.toHexString(translated.other[i]);
            }
        }
        for (int i = 1; i < 32; i++) {
            if (x[i] != translated.x[i]) {
                return "x" + i + ": interpreter 0x" + Long.toHexString(x[i]) + ", translated 0x"
                        + Long.toHexString(translated.x[i]);
            }
        }
        if (!Arrays.equals(f, translated.f)) {
            return "floating-point registers differ";
        }
        return null;
    }

    /** Integer register {@code i} in this state. */
    public long reg(int i) {
        return x[i];
    }
}
