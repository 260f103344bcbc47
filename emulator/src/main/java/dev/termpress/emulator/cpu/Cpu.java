package dev.termpress.emulator.cpu;

import dev.termpress.emulator.bus.Bus;
import dev.termpress.emulator.bus.HartInterrupts;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.cpu.fpu.SoftFloat;
import dev.termpress.emulator.host.Clock;

/**
 * One RV64IMAFDC hart with M, S and U modes: its architectural state and the interpreter loop.
 * The base integer instructions, loads and stores run inline in {@link #execute}; the rarer
 * groups (system, atomics, floating point) live in their own classes.
 *
 * <p>Traps are values: a fault sets {@link #trapPending} and the loop enters the trap handler,
 * no Java exception is thrown. Guest state never causes a host exception.
 */
public final class Cpu implements HartInterrupts {

    /** Privilege levels (privileged spec §1.2). */
    public static final int PRIV_U = 0;
    public static final int PRIV_S = 1;
    public static final int PRIV_M = 3;

    private static final int[] RVC = Rvc.table();
    private static final long LOW32 = 0xffff_ffffL;

    final long[] x = new long[32];
    final long[] f = new long[32];
    long pc;
    int priv = PRIV_M;

    // CSR state; CsrFile holds the access rules.
    long mstatus = Csr.MSTATUS_UXL_SXL;
    long medeleg;
    long mideleg;
    long mie;
    long mip;
    long mtvec;
    long mscratch;
    long mepc;
    long mcause;
    long mtval;
    long stvec;
    long sscratch;
    long sepc;
    long scause;
    long stval;
    long satp;
    int mcounteren;
    int scounteren;
    /** Rounding mode CSR; the accrued flags (fflags) live in {@link #softFloat}. */
    int frm;
    /** Retired instructions since reset; the deterministic clock is derived from it. */
    long instret;
    /** What software wrote to minstret/mcycle, as an offset from {@link #instret}. */
    long counterOffset;
    /** LR/SC reservation: the reserved physical address, or -1. */
    long reservation = -1;
    /** TLB keys for fetches and for data accesses; see {@link #updateTranslationKeys}. */
    long fetchKey = (long) PRIV_M << Mmu.KEY_SHIFT;
    long dataKey = (long) PRIV_M << Mmu.KEY_SHIFT;
    /** Set by WFI until an interrupt becomes pending. */
    boolean waiting;
    /** The machine was powered off or stopped; the hart executes nothing more. */
    boolean halted;

    // Pending synchronous trap, set by slow paths and taken by the loop.
    boolean trapPending;
    int trapCause;
    long trapValue;
    /** Ends the current block after this instruction (interrupt state changed, machine halted). */
    boolean stop;

    final Ram ram;
    final int[] mem;
    final Mmu mmu;
    final Clock clock;
    final CsrFile csrFile;
    final SoftFloat softFloat = new SoftFloat();
    final FpUnit fpu;
    Firmware firmware;

    /** Creates a hart in M-mode at pc 0 on {@code ram} and {@code bus}, reading time from {@code clock}. */
    public Cpu(Ram ram, Bus bus, Clock clock) {
        this.ram = ram;
        this.mem = ram.words();
        this.clock = clock;
        this.mmu = new Mmu(this, ram, bus);
        this.csrFile = new CsrFile(this);
        this.fpu = new FpUnit(this);
    }

    // ---- API for the machine, firmware and tests ----

    /** The address of the next instruction to execute. */
    public long pc() {
        return pc;
    }

    /** Sets where execution continues. */
    public void setPc(long pc) {
        this.pc = pc;
    }

    /** Integer register {@code i} (x0..x31). */
    public long reg(int i) {
        return i == 0 ? 0 : x[i];
    }

    /** Sets integer register {@code i}; writes to x0 are ignored. */
    public void setReg(int i, long value) {
        if (i != 0) {
            x[i] = value;
        }
    }

    /** Raw bits of floating-point register {@code i} (singles are NaN-boxed). */
    public long freg(int i) {
        return f[i];
    }

    /** Sets the raw bits of floating-point register {@code i}. */
    public void setFreg(int i, long bits) {
        f[i] = bits;
    }

    /** The current privilege level: {@link #PRIV_U}, {@link #PRIV_S} or {@link #PRIV_M}. */
    public int privilege() {
        return priv;
    }

    /** Switches privilege level, dropping translations made for the old one. */
    public void setPrivilege(int level) {
        priv = level;
        updateTranslationKeys();
    }

    /**
     * Recomputes the TLB keys: what, besides the page number, a translation depends on. Fetches
     * depend on the privilege; loads and stores on the effective privilege (MPRV), SUM and MXR.
     * Entries made under other keys stay in the TLB but no longer match, so privilege changes and
     * SUM toggles (every user copy in the kernel) need no flush.
     */
    void updateTranslationKeys() {
        fetchKey = (long) priv << Mmu.KEY_SHIFT;
        long status = mstatus;
        int data = priv;
        if (priv == PRIV_M && (status & Csr.MSTATUS_MPRV) != 0) {
            data = (int) ((status & Csr.MSTATUS_MPP) >>> Csr.MSTATUS_MPP_SHIFT);
        }
        if ((status & Csr.MSTATUS_SUM) != 0) {
            data |= 4;
        }
        if ((status & Csr.MSTATUS_MXR) != 0) {
            data |= 8;
        }
        dataKey = (long) data << Mmu.KEY_SHIFT;
    }

    /** Instructions retired since reset. */
    public long instret() {
        return instret;
    }

    /** Whether the hart sleeps in WFI until an interrupt is pending. */
    public boolean waitingForInterrupt() {
        return waiting;
    }

    /** Installs the built-in firmware that answers S-mode ecalls (null: ecalls trap normally). */
    public void setFirmware(Firmware firmware) {
        this.firmware = firmware;
    }

    /** Whether built-in firmware answers S-mode ecalls. */
    public boolean firmwareActive() {
        return firmware != null;
    }

    /** Reads a CSR with M-mode rights, bypassing privilege checks; -1 for unknown CSRs. */
    public long csr(int number) {
        long value = csrFile.read(number);
        return csrFile.missing ? -1 : value;
    }

    /** Writes a CSR with M-mode rights (WARL rules still apply). */
    public void setCsr(int number, long value) {
        csrFile.write(number, value);
    }

    /** Drops all cached translations (sfence.vma, satp or privilege changes). */
    public void flushTlb() {
        mmu.flush();
    }

    /** Stops the hart for good (power-off); the current instruction completes. */
    public void halt() {
        halted = true;
        stop = true;
    }

    /** Whether {@link #halt} was called. */
    public boolean halted() {
        return halted;
    }

    /** Asks the interpreter to end the current block after the current instruction. */
    public void requestStop() {
        stop = true;
    }

    /** The RAM this hart runs on. */
    public Ram ram() {
        return ram;
    }

    @Override
    public void setPending(long mipBits, boolean level) {
        long before = mip;
        mip = level ? mip | mipBits : mip & ~mipBits;
        if (mip != before) {
            stop = true; // re-evaluate interrupts at the block boundary
        }
    }

    /**
     * Enables or pending bits changed under software control: end the block so the loop can take
     * an interrupt, but only if one is pending and enabled in mie at all (the common case of
     * re-enabling interrupts with nothing pending must stay cheap).
     */
    void interruptStateChanged() {
        if ((mip & mie) != 0) {
            stop = true;
        }
    }

    /** The current mip, including bits driven by devices. */
    public long pendingInterrupts() {
        return mip;
    }

    // ---- traps ----

    void pendTrap(int cause, long value) {
        trapPending = true;
        trapCause = cause;
        trapValue = value;
    }

    /** Enters the pending trap for the instruction at {@code epc}; returns the handler's pc. */
    long takePendingTrap(long epc) {
        trapPending = false;
        return enterTrap(trapCause, trapValue, epc, false);
    }

    /** Raises a synchronous exception at {@code epc} now; returns the handler's pc. */
    long raise(int cause, long value, long epc) {
        return enterTrap(cause, value, epc, false);
    }

    long illegal(int instructionBits, long epc) {
        return enterTrap(Trap.ILLEGAL_INSTRUCTION, instructionBits & LOW32, epc, false);
    }

    /** Trap entry (privileged spec §3.1.6.1, §3.1.15, §4.1.1): delegation, status stack, vector. */
    long enterTrap(int cause, long tval, long epc, boolean interrupt) {
        long delegated = interrupt ? mideleg : medeleg;
        long status = mstatus;
        if (priv <= PRIV_S && ((delegated >>> cause) & 1) != 0) {
            scause = interrupt ? (cause | Trap.INTERRUPT_BIT) : cause;
            sepc = epc;
            stval = tval;
            status = (status & ~Csr.MSTATUS_SPIE) | ((status & Csr.MSTATUS_SIE) << 4);
            status &= ~(Csr.MSTATUS_SIE | Csr.MSTATUS_SPP);
            if (priv == PRIV_S) {
                status |= Csr.MSTATUS_SPP;
            }
            mstatus = status;
            setPrivilege(PRIV_S);
            return vector(stvec, cause, interrupt);
        }
        if (firmware != null) {
            firmware.unexpectedMachineTrap(this, interrupt ? (cause | Trap.INTERRUPT_BIT) : cause, tval, epc);
        }
        mcause = interrupt ? (cause | Trap.INTERRUPT_BIT) : cause;
        mepc = epc;
        mtval = tval;
        status = (status & ~Csr.MSTATUS_MPIE) | ((status & Csr.MSTATUS_MIE) << 4);
        status &= ~(Csr.MSTATUS_MIE | Csr.MSTATUS_MPP);
        status |= (long) priv << Csr.MSTATUS_MPP_SHIFT;
        mstatus = status;
        setPrivilege(PRIV_M);
        return vector(mtvec, cause, interrupt);
    }

    private static long vector(long tvec, int cause, boolean interrupt) {
        long base = tvec & ~3L;
        return interrupt && (tvec & 1) != 0 ? base + 4L * cause : base;
    }

    /** Interrupt priority order (privileged spec §3.1.9): MEI, MSI, MTI, SEI, SSI, STI. */
    private static final int[] INTERRUPT_PRIORITY = {
        Trap.IRQ_M_EXTERNAL, Trap.IRQ_M_SOFTWARE, Trap.IRQ_M_TIMER,
        Trap.IRQ_S_EXTERNAL, Trap.IRQ_S_SOFTWARE, Trap.IRQ_S_TIMER,
    };

    /** Takes the highest-priority enabled pending interrupt, if any; true if one was taken. */
    boolean takeInterrupt() {
        long pending = mip & mie;
        if (pending == 0) {
            return false;
        }
        long machine = pending & ~mideleg;
        boolean machineEnabled = priv < PRIV_M || (mstatus & Csr.MSTATUS_MIE) != 0;
        long supervisor = pending & mideleg;
        boolean supervisorEnabled = priv < PRIV_S || (priv == PRIV_S && (mstatus & Csr.MSTATUS_SIE) != 0);
        long enabled = (machineEnabled ? machine : 0) | (supervisorEnabled ? supervisor : 0);
        if (enabled == 0) {
            return false;
        }
        for (int code : INTERRUPT_PRIORITY) {
            if (((enabled >>> code) & 1) != 0) {
                waiting = false;
                pc = enterTrap(code, 0, pc, true);
                return true;
            }
        }
        return false;
    }

    /** Called before a device access so devices that read the clock see the current count. */
    void syncForDevice() {
        // instret is kept current by the loop; nothing to do today, kept as the single seam.
    }

    // ---- the interpreter ----

    /**
     * Runs up to {@code budget} instructions: takes a pending enabled interrupt first, then
     * executes until the budget is spent, WFI is reached or a stop is requested. Returns the
     * number of instructions executed.
     */
    public int run(int budget) {
        long start = instret;
        if (halted) {
            return 0;
        }
        stop = false;
        takeInterrupt();
        if (waiting) {
            if ((mip & mie) == 0) {
                return 0;
            }
            waiting = false;
        }
        while (instret - start < budget) {
            stop = false;
            execute((int) (budget - (instret - start)));
            if (waiting || halted) {
                break;
            }
            takeInterrupt();
        }
        return (int) (instret - start);
    }

    private void execute(int budget) {
        final long[] x = this.x;
        final int[] mem = this.mem;
        final long[] fetchTag = mmu.fetchTag;
        final long[] fetchDelta = mmu.fetchDelta;
        final long[] loadTag = mmu.loadTag;
        final long[] loadDelta = mmu.loadDelta;
        final long[] storeTag = mmu.storeTag;
        final long[] storeDelta = mmu.storeDelta;
        // The retired count lives in a local; the field is synced around calls that read it.
        long count = instret;
        long end = count + budget;
        long pc = this.pc;
        long page = -1;
        long delta = 0;
        while (count < end) {
            count++;
            // Fetch through the current page's translation (§4.3: instruction fetch is translated).
            long vpn = pc >>> 12;
            if (vpn != page) {
                int index = (int) vpn & Mmu.TLB_MASK;
                if (fetchTag[index] != (vpn | fetchKey) && !mmu.fillFetch(pc)) {
                    pc = takePendingTrap(pc);
                    page = -1;
                    continue;
                }
                page = vpn;
                delta = fetchDelta[index];
            }
            int offset = (int) (pc + delta);
            int raw = mem[offset >>> 2];
            if ((offset & 2) != 0) {
                raw >>>= 16;
                if ((raw & 3) == 3) {
                    if ((pc & 0xfff) == 0xffe) {
                        raw = mmu.fetchCrossing(pc, raw);
                        if (trapPending) {
                            pc = takePendingTrap(pc);
                            page = -1;
                            continue;
                        }
                    } else {
                        raw |= mem[(offset >>> 2) + 1] << 16;
                    }
                }
            }
            int insn;
            int len;
            if ((raw & 3) == 3) {
                insn = raw;
                len = 4;
            } else {
                raw &= 0xffff;
                insn = RVC[raw];
                len = 2;
            }
            x[0] = 0;
            int rd = (insn >>> 7) & 31;
            int rs1 = (insn >>> 15) & 31;
            int rs2 = (insn >>> 20) & 31;
            int funct3 = (insn >>> 12) & 7;
            switch (insn & 0x7f) {
                case 0x13: { // OP-IMM
                    long a = x[rs1];
                    long imm = insn >> 20;
                    switch (funct3) {
                        case 0:
                            x[rd] = a + imm;
                            break;
                        case 1:
                            if ((insn >>> 26) != 0) {
                                pc = illegal(raw, pc);
                                page = -1;
                                continue;
                            }
                            x[rd] = a << imm;
                            break;
                        case 2:
                            x[rd] = a < imm ? 1 : 0;
                            break;
                        case 3:
                            x[rd] = Long.compareUnsigned(a, imm) < 0 ? 1 : 0;
                            break;
                        case 4:
                            x[rd] = a ^ imm;
                            break;
                        case 5: {
                            int funct6 = insn >>> 26;
                            if (funct6 == 0) {
                                x[rd] = a >>> imm;
                            } else if (funct6 == 0x10) {
                                x[rd] = a >> imm;
                            } else {
                                pc = illegal(raw, pc);
                                page = -1;
                                continue;
                            }
                            break;
                        }
                        case 6:
                            x[rd] = a | imm;
                            break;
                        default:
                            x[rd] = a & imm;
                            break;
                    }
                    pc += len;
                    break;
                }
                case 0x33: { // OP
                    long a = x[rs1];
                    long b = x[rs2];
                    int funct7 = insn >>> 25;
                    long r;
                    if (funct7 == 0) {
                        switch (funct3) {
                            case 0:
                                r = a + b;
                                break;
                            case 1:
                                r = a << b;
                                break;
                            case 2:
                                r = a < b ? 1 : 0;
                                break;
                            case 3:
                                r = Long.compareUnsigned(a, b) < 0 ? 1 : 0;
                                break;
                            case 4:
                                r = a ^ b;
                                break;
                            case 5:
                                r = a >>> b;
                                break;
                            case 6:
                                r = a | b;
                                break;
                            default:
                                r = a & b;
                                break;
                        }
                    } else if (funct7 == 0x20 && funct3 == 0) {
                        r = a - b;
                    } else if (funct7 == 0x20 && funct3 == 5) {
                        r = a >> b;
                    } else if (funct7 == 1) {
                        r = IntMath.multiplyDivide(funct3, a, b);
                    } else {
                        pc = illegal(raw, pc);
                        page = -1;
                        continue;
                    }
                    x[rd] = r;
                    pc += len;
                    break;
                }
                case 0x03: { // LOAD
                    if (funct3 == 7) {
                        pc = illegal(raw, pc);
                        page = -1;
                        continue;
                    }
                    long va = x[rs1] + (insn >> 20);
                    long vp = va >>> 12;
                    int index = (int) vp & Mmu.TLB_MASK;
                    long v;
                    if (loadTag[index] == (vp | dataKey) && (va & ((1 << (funct3 & 3)) - 1)) == 0) {
                        int o = (int) (va + loadDelta[index]);
                        int w = mem[o >>> 2];
                        if (funct3 == 3) {
                            v = (w & LOW32) | ((long) mem[(o >>> 2) + 1] << 32);
                        } else {
                            // Width and signedness by shifts instead of a second switch.
                            int shifted = w >>> ((o & 3) << 3);
                            int unused = 32 - (8 << (funct3 & 3));
                            v = (funct3 & 4) == 0 ? (long) ((shifted << unused) >> unused)
                                    : ((shifted << unused) >>> unused) & LOW32;
                        }
                    } else {
                        instret = count;
                        v = mmu.load(va, funct3);
                        if (trapPending) {
                            pc = takePendingTrap(pc);
                            page = -1;
                            continue;
                        }
                        if (stop) {
                            end = 0; // a device changed the interrupt lines
                        }
                    }
                    x[rd] = v;
                    pc += len;
                    break;
                }
                case 0x23: { // STORE
                    if (funct3 > 3) {
                        pc = illegal(raw, pc);
                        page = -1;
                        continue;
                    }
                    long va = x[rs1] + (((insn >> 25) << 5) | ((insn >>> 7) & 0x1f));
                    long v = x[rs2];
                    long vp = va >>> 12;
                    int index = (int) vp & Mmu.TLB_MASK;
                    if (storeTag[index] == (vp | dataKey) && (va & ((1 << funct3) - 1)) == 0) {
                        int o = (int) (va + storeDelta[index]);
                        int i = o >>> 2;
                        switch (funct3) {
                            case 0: {
                                int shift = (o & 3) << 3;
                                mem[i] = (mem[i] & ~(0xff << shift)) | (((int) v & 0xff) << shift);
                                break;
                            }
                            case 1: {
                                int shift = (o & 2) << 3;
                                mem[i] = (mem[i] & ~(0xffff << shift)) | (((int) v & 0xffff) << shift);
                                break;
                            }
                            case 2:
                                mem[i] = (int) v;
                                break;
                            default:
                                mem[i] = (int) v;
                                mem[i + 1] = (int) (v >>> 32);
                                break;
                        }
                    } else {
                        instret = count;
                        mmu.store(va, funct3, v);
                        if (trapPending) {
                            pc = takePendingTrap(pc);
                            page = -1;
                            continue;
                        }
                        if (stop) {
                            end = 0;
                        }
                    }
                    pc += len;
                    break;
                }
                case 0x63: { // BRANCH
                    long a = x[rs1];
                    long b = x[rs2];
                    boolean taken;
                    switch (funct3) {
                        case 0:
                            taken = a == b;
                            break;
                        case 1:
                            taken = a != b;
                            break;
                        case 4:
                            taken = a < b;
                            break;
                        case 5:
                            taken = a >= b;
                            break;
                        case 6:
                            taken = Long.compareUnsigned(a, b) < 0;
                            break;
                        case 7:
                            taken = Long.compareUnsigned(a, b) >= 0;
                            break;
                        default:
                            pc = illegal(raw, pc);
                            page = -1;
                            continue;
                    }
                    if (taken) {
                        pc += ((insn >> 31) << 12) | (((insn >>> 7) & 1) << 11) | (((insn >>> 25) & 0x3f) << 5)
                                | (((insn >>> 8) & 0xf) << 1);
                    } else {
                        pc += len;
                    }
                    break;
                }
                case 0x6f: { // JAL
                    long target = pc + (((insn >> 31) << 20) | (insn & 0xff000) | (((insn >>> 20) & 1) << 11)
                            | (((insn >>> 21) & 0x3ff) << 1));
                    x[rd] = pc + len;
                    pc = target;
                    break;
                }
                case 0x67: { // JALR
                    if (funct3 != 0) {
                        pc = illegal(raw, pc);
                        page = -1;
                        continue;
                    }
                    long target = (x[rs1] + (insn >> 20)) & ~1L;
                    x[rd] = pc + len;
                    pc = target;
                    break;
                }
                case 0x37: // LUI
                    x[rd] = insn & 0xfffff000;
                    pc += len;
                    break;
                case 0x17: // AUIPC
                    x[rd] = pc + (insn & 0xfffff000);
                    pc += len;
                    break;
                case 0x1b: { // OP-IMM-32
                    int a = (int) x[rs1];
                    int upper = insn >>> 25;
                    int key = funct3 | (upper << 3); // funct3 with funct7 (only meaningful for shifts)
                    long r;
                    if (funct3 == 0) {
                        r = a + (insn >> 20);
                    } else if (key == 1) {
                        r = a << rs2;
                    } else if (key == 5) {
                        r = a >>> rs2;
                    } else if (key == (5 | (0x20 << 3))) {
                        r = a >> rs2;
                    } else {
                        pc = illegal(raw, pc);
                        page = -1;
                        continue;
                    }
                    x[rd] = r;
                    pc += len;
                    break;
                }
                case 0x3b: { // OP-32
                    if ((insn >>> 25) == 0) { // ADDW, SLLW, SRLW inline: hashing and crypto live on them
                        int a = (int) x[rs1];
                        int b = (int) x[rs2];
                        if (funct3 == 0) {
                            x[rd] = a + b;
                            pc += len;
                            break;
                        }
                        if (funct3 == 1) {
                            x[rd] = a << b;
                            pc += len;
                            break;
                        }
                        if (funct3 == 5) {
                            x[rd] = a >>> b;
                            pc += len;
                            break;
                        }
                    }
                    long r = IntMath.op32(insn, funct3, x[rs1], x[rs2]);
                    if (r == IntMath.ILLEGAL_RESULT) {
                        pc = illegal(raw, pc);
                        page = -1;
                        continue;
                    }
                    x[rd] = r;
                    pc += len;
                    break;
                }
                case 0x0f: // MISC-MEM: FENCE is a no-op on one hart; FENCE.I has no cache to flush
                    if (funct3 > 1) {
                        pc = illegal(raw, pc);
                        page = -1;
                        continue;
                    }
                    pc += len;
                    break;
                case 0x73: // SYSTEM
                    this.pc = pc;
                    instret = count;
                    pc = SystemUnit.execute(this, insn, raw, pc);
                    count = instret;
                    page = -1;
                    if (stop) {
                        end = 0;
                    }
                    break;
                case 0x2f: // AMO
                    instret = count;
                    pc = Atomics.execute(this, insn, raw, pc);
                    page = -1;
                    if (stop) {
                        end = 0;
                    }
                    break;
                case 0x07: // LOAD-FP
                case 0x27: // STORE-FP
                case 0x43: // FMADD
                case 0x47: // FMSUB
                case 0x4b: // FNMSUB
                case 0x4f: // FNMADD
                case 0x53: // OP-FP
                    instret = count;
                    pc = fpu.execute(insn, raw, pc, len);
                    page = -1;
                    if (stop) {
                        end = 0;
                    }
                    break;
                default:
                    pc = illegal(raw, pc);
                    page = -1;
                    break;
            }
        }
        this.pc = pc;
        instret = count;
    }
}
