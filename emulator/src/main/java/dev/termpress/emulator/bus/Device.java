package dev.termpress.emulator.bus;

import dev.termpress.emulator.fdt.DeviceTree;

/**
 * A memory-mapped device on the system bus. A device describes itself: where it lives, how its
 * registers behave, and its own device-tree node, so adding a device is one file plus one line in
 * {@code Machine}.
 *
 * <p>Register accesses never block and never throw: an access the device does not understand
 * reads as zero and writes are ignored (what real hardware does for unmapped registers).
 */
public interface Device {

    /** Guest physical address of the first register. */
    long base();

    /** Size of the register window in bytes. */
    long size();

    /**
     * Reads {@code width} bytes (1, 2, 4 or 8) at {@code offset} from {@link #base()}; the result is
     * zero-extended.
     */
    long read(long offset, int width);

    /** Writes the low {@code width} bytes (1, 2, 4 or 8) of {@code value} at {@code offset}. */
    void write(long offset, int width, long value);

    /** Adds this device's node(s) under the current device-tree node ({@code /soc}). */
    void describe(DeviceTree tree);
}
