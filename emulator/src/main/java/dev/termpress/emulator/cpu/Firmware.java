package dev.termpress.emulator.cpu;

/**
 * Machine-mode firmware built into the emulator (the SBI implementation): it answers S-mode
 * {@code ecall}s and is told about traps that would enter M-mode, where no guest code runs.
 */
public interface Firmware {

    /** Handles an {@code ecall} from S-mode; the hart then continues after the ecall. */
    void ecall(Cpu cpu);

    /** A trap reached M-mode although the firmware delegates everything it can. */
    void unexpectedMachineTrap(Cpu cpu, long cause, long tval, long epc);
}
