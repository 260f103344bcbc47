package dev.termpress.emulator.cpu;

import static dev.termpress.emulator.cpu.Csr.*;

/**
 * The control and status registers: one access-rule check ({@link #accessible}), then plain
 * read and write with each register's WARL rules (privileged spec chapters 2–4). The state itself
 * lives in {@link Cpu} fields, where the interpreter and the MMU read it directly.
 */
final class CsrFile {

    private static final int FRM_MASK = 7;
    private static final int FFLAGS_MASK = 0x1f;
    private static final long TVEC_MODE_RESERVED_BIT = 2;

    private final Cpu cpu;
    private final PmpRegisters pmp = new PmpRegisters();
    /** Set by {@link #read} when the CSR does not exist. */
    boolean missing;

    CsrFile(Cpu cpu) {
        this.cpu = cpu;
    }

    /**
     * Whether the current privilege may access {@code csr} (§2.1: bits 11:10 read-only, 9:8 lowest
     * privilege) plus the per-register gates: FS for FP CSRs, TVM for satp, counteren for counters.
     */
    boolean accessible(int csr, boolean write) {
        int priv = cpu.priv;
        if (write && (csr >>> 10) == 3) {
            return false;
        }
        if (priv < ((csr >>> 8) & 3)) {
            return false;
        }
        if (csr >= FFLAGS && csr <= FCSR) {
            return (cpu.mstatus & MSTATUS_FS) != 0;
        }
        if (csr == SATP) {
            return priv != Cpu.PRIV_S || (cpu.mstatus & MSTATUS_TVM) == 0;
        }
        if (csr >= CYCLE && csr <= HPMCOUNTER31) {
            int bit = 1 << (csr - CYCLE);
            if (priv < Cpu.PRIV_M && (cpu.mcounteren & bit) == 0) {
                return false;
            }
            return priv != Cpu.PRIV_U || (cpu.scounteren & bit) != 0;
        }
        return true;
    }

    private long counter() {
        return cpu.instret + cpu.counterOffset;
    }

    private long mstatusWithSd() {
        long s = cpu.mstatus;
        return (s & MSTATUS_FS) == MSTATUS_FS_DIRTY ? s | MSTATUS_SD : s;
    }

    /** Reads {@code csr}; sets {@link #missing} (and returns 0) if it does not exist. */
    long read(int csr) {
        missing = false;
        switch (csr) {
            case FFLAGS:
                return cpu.softFloat.flags;
            case FRM:
                return cpu.frm;
            case FCSR:
                return (cpu.frm << 5) | cpu.softFloat.flags;
            case CYCLE:
            case INSTRET:
            case MCYCLE:
            case MINSTRET:
                return counter();
            case TIME:
                return cpu.clock.ticks(cpu.instret);
            case SSTATUS:
                return mstatusWithSd() & SSTATUS_READABLE;
            case SIE:
                return cpu.mie & cpu.mideleg;
            case STVEC:
                return cpu.stvec;
            case SCOUNTEREN:
                return cpu.scounteren & 0xffff_ffffL;
            case SENVCFG:
            case MENVCFG:
                return 0;
            case SSCRATCH:
                return cpu.sscratch;
            case SEPC:
                return cpu.sepc;
            case SCAUSE:
                return cpu.scause;
            case STVAL:
                return cpu.stval;
            case SIP:
                return cpu.mip & cpu.mideleg;
            case SATP:
                return cpu.satp;
            case MVENDORID:
            case MARCHID:
            case MIMPID:
            case MHARTID:
            case MCONFIGPTR:
                return 0;
            case MSTATUS:
                return mstatusWithSd();
            case MISA:
                return MISA_RV64IMAFDCSU;
            case MEDELEG:
                return cpu.medeleg;
            case MIDELEG:
                return cpu.mideleg;
            case MIE:
                return cpu.mie;
            case MTVEC:
                return cpu.mtvec;
            case MCOUNTEREN:
                return cpu.mcounteren & 0xffff_ffffL;
            case MCOUNTINHIBIT:
                return 0;
            case MSCRATCH:
                return cpu.mscratch;
            case MEPC:
                return cpu.mepc;
            case MCAUSE:
                return cpu.mcause;
            case MTVAL:
                return cpu.mtval;
            case MIP:
                return cpu.mip;
            case TSELECT:
                return ~0L; // no triggers: tselect reads back an invalid index (debug spec §5.7.1)
            default:
                if (PmpRegisters.exists(csr)) {
                    return pmp.read(csr);
                }
                if ((csr >= HPMCOUNTER3 && csr <= HPMCOUNTER31) || (csr >= MHPMCOUNTER3 && csr <= MHPMCOUNTER31)
                        || (csr >= MHPMEVENT3 && csr <= MHPMEVENT31) || (csr >= TDATA1 && csr <= TDATA3)) {
                    return 0; // present but hardwired to zero
                }
                missing = true;
                return 0;
        }
    }

    /** Writes {@code csr} (which must exist) applying its WARL rules and side effects. */
    void write(int csr, long value) {
        switch (csr) {
            case FFLAGS:
                cpu.softFloat.flags = (int) value & FFLAGS_MASK;
                dirtyFloatingPoint();
                break;
            case FRM:
                cpu.frm = (int) value & FRM_MASK;
                dirtyFloatingPoint();
                break;
            case FCSR:
                cpu.softFloat.flags = (int) value & FFLAGS_MASK;
                cpu.frm = (int) (value >>> 5) & FRM_MASK;
                dirtyFloatingPoint();
                break;
            case MCYCLE:
            case MINSTRET:
                cpu.counterOffset = value - cpu.instret;
                break;
            case SSTATUS:
                writeMstatus((cpu.mstatus & ~SSTATUS_WRITABLE) | (value & SSTATUS_WRITABLE));
                break;
            case SIE:
                cpu.mie = (cpu.mie & ~cpu.mideleg) | (value & cpu.mideleg);
                cpu.interruptStateChanged();
                break;
            case STVEC:
                cpu.stvec = value & ~TVEC_MODE_RESERVED_BIT;
                break;
            case SCOUNTEREN:
                cpu.scounteren = (int) value;
                break;
            case SSCRATCH:
                cpu.sscratch = value;
                break;
            case SEPC:
                cpu.sepc = value & ~1L;
                break;
            case SCAUSE:
                cpu.scause = value;
                break;
            case STVAL:
                cpu.stval = value;
                break;
            case SIP: {
                long writable = MIP_SSIP & cpu.mideleg;
                cpu.mip = (cpu.mip & ~writable) | (value & writable);
                cpu.interruptStateChanged();
                break;
            }
            case SATP:
                writeSatp(value);
                break;
            case MSTATUS:
                writeMstatus(value);
                break;
            case MEDELEG:
                cpu.medeleg = value & MEDELEG_WRITABLE;
                break;
            case MIDELEG:
                cpu.mideleg = value & S_INTERRUPTS;
                cpu.interruptStateChanged();
                break;
            case MIE:
                cpu.mie = value & ALL_INTERRUPTS;
                cpu.interruptStateChanged();
                break;
            case MTVEC:
                cpu.mtvec = value & ~TVEC_MODE_RESERVED_BIT;
                break;
            case MCOUNTEREN:
                cpu.mcounteren = (int) value;
                break;
            case MSCRATCH:
                cpu.mscratch = value;
                break;
            case MEPC:
                cpu.mepc = value & ~1L;
                break;
            case MCAUSE:
                cpu.mcause = value;
                break;
            case MTVAL:
                cpu.mtval = value;
                break;
            case MIP:
                cpu.mip = (cpu.mip & ~MIP_WRITABLE) | (value & MIP_WRITABLE);
                cpu.interruptStateChanged();
                break;
            default:
                if (PmpRegisters.exists(csr)) {
                    pmp.write(csr, value);
                }
                break; // read-only, or WARL registers hardwired to zero
        }
    }

    void dirtyFloatingPoint() {
        cpu.mstatus |= MSTATUS_FS_DIRTY;
    }

    private void writeMstatus(long value) {
        long old = cpu.mstatus;
        long updated = (old & ~MSTATUS_WRITABLE) | (value & MSTATUS_WRITABLE);
        if ((updated & MSTATUS_MPP) == (2L << MSTATUS_MPP_SHIFT)) {
            updated = (updated & ~MSTATUS_MPP) | (old & MSTATUS_MPP); // MPP=2 is reserved: keep the old value
        }
        updated = (updated & ~MSTATUS_SD) | MSTATUS_UXL_SXL;
        cpu.mstatus = updated;
        cpu.updateTranslationKeys();
        cpu.interruptStateChanged();
    }

    /** satp is WARL (§4.1.11): a write with an unsupported MODE has no effect; no ASID bits. */
    private void writeSatp(long value) {
        long mode = value >>> SATP_MODE_SHIFT;
        if (mode != SATP_MODE_BARE && mode != SATP_MODE_SV39) {
            return;
        }
        cpu.satp = (mode << SATP_MODE_SHIFT) | (value & SATP_PPN_MASK);
        cpu.mmu.flush();
    }
}
