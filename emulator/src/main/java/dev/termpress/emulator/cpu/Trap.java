package dev.termpress.emulator.cpu;

/** Trap cause codes written to {@code mcause}/{@code scause} (privileged spec §3.1.15, table 14). */
public final class Trap {

    public static final int INSTRUCTION_MISALIGNED = 0;
    public static final int INSTRUCTION_ACCESS_FAULT = 1;
    public static final int ILLEGAL_INSTRUCTION = 2;
    public static final int BREAKPOINT = 3;
    public static final int LOAD_MISALIGNED = 4;
    public static final int LOAD_ACCESS_FAULT = 5;
    public static final int STORE_MISALIGNED = 6;
    public static final int STORE_ACCESS_FAULT = 7;
    public static final int ECALL_FROM_U = 8;
    public static final int ECALL_FROM_S = 9;
    public static final int ECALL_FROM_M = 11;
    public static final int INSTRUCTION_PAGE_FAULT = 12;
    public static final int LOAD_PAGE_FAULT = 13;
    public static final int STORE_PAGE_FAULT = 15;
    /**
     * Not an architectural cause: the access needs a RAM page whose bytes have not arrived
     * ({@code Ram#markAbsent}). Taking it stops the hart before the instruction (pc kept, nothing
     * retired) until the page is here; the guest never sees it.
     */
    public static final int PAGE_ABSENT = -1;

    /** Interrupt codes (the cause's low bits when its top bit is set). */
    public static final int IRQ_S_SOFTWARE = 1;
    public static final int IRQ_M_SOFTWARE = 3;
    public static final int IRQ_S_TIMER = 5;
    public static final int IRQ_M_TIMER = 7;
    public static final int IRQ_S_EXTERNAL = 9;
    public static final int IRQ_M_EXTERNAL = 11;

    /** The interrupt flag in {@code xcause}. */
    public static final long INTERRUPT_BIT = Long.MIN_VALUE;

    private Trap() {
    }
}
