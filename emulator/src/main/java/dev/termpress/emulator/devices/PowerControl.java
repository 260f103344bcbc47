package dev.termpress.emulator.devices;

/** What a device or the firmware uses to power the machine off or reset it. */
public interface PowerControl {

    /** Powers the machine off; the host sees {@code exitCode}. */
    void powerOff(int exitCode);

    /** The guest asked for a reset; the machine halts and reports it, the host decides what follows. */
    void reset();
}
