package dev.termpress.emulator.virtio;

import dev.termpress.emulator.snapshot.SnapshotException;

/** What a device may ask of the transport it is plugged into. */
public interface VirtioTransport {

    /** Whether the driver accepted feature {@code bit} (valid once FEATURES_OK is set). */
    boolean negotiated(int bit);

    /** Whether the driver set DRIVER_OK and the device is not waiting for a reset. */
    boolean isLive();

    /** The device changed its configuration space: bumps the generation and interrupts a live driver. */
    void configChanged();

    /**
     * After a snapshot restore: the request whose chain starts at descriptor {@code head} of queue
     * {@code queue}, walked again from the restored descriptor table, for a device that held it.
     */
    VirtioRequest reclaim(int queue, int head) throws SnapshotException;
}
