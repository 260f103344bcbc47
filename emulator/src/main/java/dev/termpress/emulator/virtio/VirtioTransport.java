package dev.termpress.emulator.virtio;

/** What a device may ask of the transport it is plugged into. */
public interface VirtioTransport {

    /** Whether the driver accepted feature {@code bit} (valid once FEATURES_OK is set). */
    boolean negotiated(int bit);

    /** Whether the driver set DRIVER_OK and the device is not waiting for a reset. */
    boolean isLive();

    /** The device changed its configuration space: bumps the generation and interrupts a live driver. */
    void configChanged();
}
