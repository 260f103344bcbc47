package dev.termpress.emulator.bus;

/**
 * The hart's interrupt-pending inputs that platform devices drive: the PLIC drives the external
 * interrupt bits, the CLINT the timer and software bits.
 */
public interface HartInterrupts {

    /** {@code mip.SSIP} (privileged spec §3.1.9): raised by SBI IPIs. */
    long MIP_SSIP = 1L << 1;
    /** {@code mip.MSIP}. */
    long MIP_MSIP = 1L << 3;
    /** {@code mip.STIP}. */
    long MIP_STIP = 1L << 5;
    /** {@code mip.MTIP}. */
    long MIP_MTIP = 1L << 7;
    /** {@code mip.SEIP}. */
    long MIP_SEIP = 1L << 9;
    /** {@code mip.MEIP}. */
    long MIP_MEIP = 1L << 11;

    /** Raises or lowers the given {@code mip} bit(s). */
    void setPending(long mipBits, boolean level);
}
