package dev.termpress.emulator.cpu;

import dev.termpress.emulator.bus.Bus;
import dev.termpress.emulator.bus.HartInterrupts;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.cpu.fpu.SoftFloat;
import dev.termpress.emulator.host.Clock;

/**
 * One RV64IMAFDC hart with M, S and U modes: its architectural state, traps and interrupts. The
 * {@link Interpreter} runs instructions from the {@link DecodeCache}; the rarer groups (system,
 * atomics, floating point) live in their own classes.
 *
 * <p>Traps are values: a fault sets {@link #trapPending} and the loop enters the trap handler,
 * no Java exception is thrown. Guest state never causes a host exception.
 */
public final class Cpu implements HartInterrupts {

    /** Privilege levels (privileged spec §1.2). */
    public static final int PRIV_U = 0;
    public static final int PRIV_S = 1;
    public static final int PRIV_M = 3;

    private static final long LOW32 = 0xffff_ffffL;

    /** x0..x31, then {@link Decoder#SINK}, where the interpreter's writes to x0 go. */
    final long[] x = new long[33];
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
    /**
     * Instructions executed since reset, those that trapped included: the run budget and the
     * deterministic clock count these, so a handler that faults again still lets time pass.
     */
    long instret;
    /**
     * minstret/mcycle minus {@link #instret}: what software wrote to them, less one for every
     * instruction that raised an exception (privileged spec §3.3.1: such an instruction does not retire).
     */
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
    /**
     * The last instruction needed a RAM page that has not arrived ({@link Trap#PAGE_ABSENT}): the hart
     * stopped before it, and {@link #run} returns until the host has the page.
     */
    boolean stalled;
    /** Stops since {@link #run} began; each counted its instruction as executed, which {@link #run} undoes. */
    private int stalls;

    final Ram ram;
    final int[] mem;
    final Mmu mmu;
    final DecodeCache decodeCache;
    final Clock clock;
    final CsrFile csrFile;
    final SoftFloat softFloat = new SoftFloat();
    final FpUnit fpu;
    private final Interpreter interpreter;
    /** Runs in place of the interpreter when the host installed one (a translator on the JVM). */
    private Accelerator accelerator;
    /** Device accesses made by loads and stores; lockstep mode reads it. */
    long deviceAccesses;
    Firmware firmware;

    /** Creates a hart in M-mode at pc 0 on {@code ram} and {@code bus}, reading time from {@code clock}. */
    public Cpu(Ram ram, Bus bus, Clock clock) {
        this.ram = ram;
        this.mem = ram.words();
        this.clock = clock;
        this.mmu = new Mmu(this, ram, bus);
        this.decodeCache = new DecodeCache(this, ram);
        this.csrFile = new CsrFile(this);
        this.fpu = new FpUnit(this);
        this.interpreter = new Interpreter(this);
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

    /** Instructions executed since reset, including those that trapped (the clock's and budget's count). */
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

    /**
     * Enters the pending trap for the instruction at {@code epc}; returns the handler's pc. An absent page
     * is no trap: the hart stays at {@code epc} with nothing retired and the block ends.
     */
    long takePendingTrap(long epc) {
        trapPending = false;
        if (trapCause == Trap.PAGE_ABSENT) {
            stalled = true;
            stalls++;
            stop = true;
            return epc;
        }
        return enterTrap(trapCause, trapValue, epc, false);
    }

    /**
     * The firmware, in an ecall, needs RAM at physical {@code paddr} that has not arrived: the hart stops before
     * the ecall with nothing retired, as for a load from such a page, and makes the call again once it is here.
     * The firmware must leave the guest's registers as they were.
     */
    public void waitForAbsentPage(long paddr) {
        pendTrap(Trap.PAGE_ABSENT, paddr);
    }

    /** The address whose page had not arrived when the hart last stopped for one (virtual unless paging is off). */
    public long absentAddress() {
        return trapValue;
    }

    /** Whether the last {@link #run} stopped before an instruction whose RAM page has not arrived. */
    public boolean stalledOnAbsentPage() {
        return stalled;
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
        if (!interrupt) {
            counterOffset--; // the loop counted the trapping instruction as executed; it does not retire
        }
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
        // instret is kept current by the loop; lockstep mode needs to know a device was touched.
        deviceAccesses++;
    }

    /** The seam a translator works through (JVM hosts only; see {@link #setAccelerator}). */
    public TranslationAccess translationAccess() {
        return new TranslationAccess(this, interpreter);
    }

    /** The installed accelerator, or null (benchmarks read a translator's counters through it). */
    public Accelerator accelerator() {
        return accelerator;
    }

    /** Runs guest code with {@code accelerator} instead of the interpreter loop (null: the interpreter). */
    public void setAccelerator(Accelerator accelerator) {
        this.accelerator = accelerator;
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
        stalled = false; // if the page is still absent, the instruction stops again at once
        stalls = 0;
        takeInterrupt();
        if (waiting) {
            if ((mip & mie) == 0) {
                return 0;
            }
            waiting = false;
        }
        while (instret - start < budget) {
            stop = false;
            if (accelerator == null) {
                interpreter.execute((int) (budget - (instret - start)));
            } else {
                accelerator.execute((int) (budget - (instret - start)));
            }
            if (stalled) {
                instret -= stalls; // the stopped instructions were counted, yet none executed
                stalls = 0;
                break;
            }
            if (waiting || halted) {
                break;
            }
            takeInterrupt();
        }
        return (int) (instret - start);
    }
}
