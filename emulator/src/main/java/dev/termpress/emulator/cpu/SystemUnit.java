package dev.termpress.emulator.cpu;

/**
 * The SYSTEM opcode: CSR instructions (Zicsr), ECALL/EBREAK, MRET/SRET, WFI and SFENCE.VMA
 * (unprivileged spec chapter 7, privileged spec §3.3).
 */
final class SystemUnit {

    private static final int ECALL = 0x0000_0073;
    private static final int EBREAK = 0x0010_0073;
    private static final int SRET = 0x1020_0073;
    private static final int MRET = 0x3020_0073;
    private static final int WFI = 0x1050_0073;
    private static final int FUNCT7_SFENCE_VMA = 0x09;

    private SystemUnit() {
    }

    /** Executes SYSTEM instruction {@code insn} at {@code pc}; returns the next pc. */
    static long execute(Cpu cpu, int insn, int raw, long pc) {
        int funct3 = (insn >>> 12) & 7;
        if (funct3 != 0) {
            return funct3 == 4 ? cpu.illegal(raw, pc) : csr(cpu, insn, raw, pc, funct3);
        }
        switch (insn) {
            case ECALL:
                return ecall(cpu, pc);
            case EBREAK:
                return cpu.raise(Trap.BREAKPOINT, pc, pc);
            case MRET:
                return mret(cpu, raw, pc);
            case SRET:
                return sret(cpu, raw, pc);
            case WFI:
                // §3.3.3: TW traps WFI below M; U-mode may never wait.
                if (cpu.priv == Cpu.PRIV_U || (cpu.priv == Cpu.PRIV_S && (cpu.mstatus & Csr.MSTATUS_TW) != 0)) {
                    return cpu.illegal(raw, pc);
                }
                cpu.waiting = true;
                cpu.stop = true;
                return pc + 4;
            default:
                break;
        }
        if ((insn >>> 25) == FUNCT7_SFENCE_VMA && ((insn >>> 7) & 31) == 0) {
            if (cpu.priv == Cpu.PRIV_U || (cpu.priv == Cpu.PRIV_S && (cpu.mstatus & Csr.MSTATUS_TVM) != 0)) {
                return cpu.illegal(raw, pc);
            }
            cpu.mmu.flush();
            return pc + 4;
        }
        return cpu.illegal(raw, pc);
    }

    private static long ecall(Cpu cpu, long pc) {
        if (cpu.priv == Cpu.PRIV_S && cpu.firmware != null) {
            cpu.firmware.ecall(cpu);
            cpu.stop = true; // the firmware may have changed timers, interrupts or power state
            if (cpu.trapPending) {
                return cpu.takePendingTrap(pc); // it waits for an absent page: the ecall is made again later
            }
            return pc + 4;
        }
        int cause = cpu.priv == Cpu.PRIV_U ? Trap.ECALL_FROM_U
                : cpu.priv == Cpu.PRIV_S ? Trap.ECALL_FROM_S : Trap.ECALL_FROM_M;
        return cpu.raise(cause, 0, pc);
    }

    private static long mret(Cpu cpu, int raw, long pc) {
        if (cpu.priv != Cpu.PRIV_M) {
            return cpu.illegal(raw, pc);
        }
        long status = cpu.mstatus;
        int previous = (int) ((status & Csr.MSTATUS_MPP) >>> Csr.MSTATUS_MPP_SHIFT);
        status = (status & ~Csr.MSTATUS_MIE) | ((status & Csr.MSTATUS_MPIE) >>> 4);
        status |= Csr.MSTATUS_MPIE;
        status &= ~Csr.MSTATUS_MPP;
        if (previous != Cpu.PRIV_M) {
            status &= ~Csr.MSTATUS_MPRV;
        }
        cpu.mstatus = status;
        cpu.setPrivilege(previous); // also re-keys the TLB for the new MPRV
        cpu.interruptStateChanged();
        return cpu.mepc;
    }

    private static long sret(Cpu cpu, int raw, long pc) {
        if (cpu.priv == Cpu.PRIV_U || (cpu.priv == Cpu.PRIV_S && (cpu.mstatus & Csr.MSTATUS_TSR) != 0)) {
            return cpu.illegal(raw, pc);
        }
        long status = cpu.mstatus;
        int previous = (status & Csr.MSTATUS_SPP) != 0 ? Cpu.PRIV_S : Cpu.PRIV_U;
        status = (status & ~Csr.MSTATUS_SIE) | ((status & Csr.MSTATUS_SPIE) >>> 4);
        status |= Csr.MSTATUS_SPIE;
        status &= ~(Csr.MSTATUS_SPP | Csr.MSTATUS_MPRV);
        cpu.mstatus = status;
        cpu.setPrivilege(previous);
        cpu.interruptStateChanged();
        return cpu.sepc;
    }

    /** CSRRW/CSRRS/CSRRC and their immediate forms (Zicsr §9.1). */
    private static long csr(Cpu cpu, int insn, int raw, long pc, int funct3) {
        int number = insn >>> 20;
        int rd = (insn >>> 7) & 31;
        int rs1 = (insn >>> 15) & 31;
        int op = funct3 & 3;
        long source = funct3 >= 5 ? rs1 : cpu.x[rs1];
        boolean writes = op == 1 || rs1 != 0;
        CsrFile file = cpu.csrFile;
        if (!file.accessible(number, writes)) {
            return cpu.illegal(raw, pc);
        }
        // The loop counted this instruction already; counters must show it as not yet retired.
        cpu.instret--;
        long old = file.read(number);
        if (file.missing) {
            cpu.instret++;
            return cpu.illegal(raw, pc);
        }
        if (writes) {
            long value = op == 1 ? source : op == 2 ? old | source : old & ~source;
            file.write(number, value);
        }
        cpu.instret++;
        if (rd != 0) {
            cpu.x[rd] = old;
        }
        return pc + 4;
    }
}
