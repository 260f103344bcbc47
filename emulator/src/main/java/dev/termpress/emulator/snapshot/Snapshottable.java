package dev.termpress.emulator.snapshot;

/**
 * A component whose state a snapshot saves: the hart, a device, the firmware, the 9P server. Like
 * QEMU's {@code VMStateDescription}, each names its section, says which version of its field list it
 * writes and which older ones it still reads, and writes its fields in one fixed order. Caches
 * (TLBs, decoded instructions) are not state: they are rebuilt after a restore.
 */
public interface Snapshottable {

    /** The section's name, unique in a machine (for example {@code clint} or {@code virtio-mmio@10001000}). */
    String stateName();

    /** The version of the field list {@link #saveState} writes; bump it whenever that list changes. */
    int stateVersion();

    /** The oldest version {@link #restoreState} still reads; equal to {@link #stateVersion} unless migrated. */
    default int minimumStateVersion() {
        return stateVersion();
    }

    /**
     * The version this instance writes, when it writes an older list than it reads (a whole RAM section is
     * still version 1; only a split one needs version 2).
     */
    default int savedVersion() {
        return stateVersion();
    }

    /** Writes every field, in a fixed order; fails when the state cannot be saved (say so why). */
    void saveState(StateWriter out) throws SnapshotException;

    /**
     * Reads back what {@link #saveState} wrote, into a freshly built component, for a version between
     * {@link #minimumStateVersion} and {@link #stateVersion}. Must not drive interrupt lines: every
     * component's own copy of a shared line (mip, PLIC levels) is restored from its own section.
     */
    void restoreState(StateReader in, int version) throws SnapshotException;
}
