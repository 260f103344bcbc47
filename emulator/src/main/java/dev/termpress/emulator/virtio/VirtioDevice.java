package dev.termpress.emulator.virtio;

/**
 * A virtio device type (console, entropy, 9p...) behind a transport. The transport owns registers,
 * feature negotiation and the rings; the device sees whole requests and completes each of them, at
 * once or later, through {@link VirtioRequest#complete}. Devices never block.
 */
public interface VirtioDevice {

    /** Queue size the transport offers when a device does not ask for another (DESIGN §3: at least 128). */
    int DEFAULT_QUEUE_SIZE = 256;

    /** The virtio device ID (§5), for example {@link Virtio#DEVICE_CONSOLE}. */
    int deviceId();

    /** Device-type feature bits offered (bits 0 to 23); the transport adds the reserved ones it implements. */
    long deviceFeatures();

    /** Number of virtqueues. */
    int queueCount();

    /** Largest size the driver may give queue {@code queue}. */
    default int queueSizeMax(int queue) {
        return DEFAULT_QUEUE_SIZE;
    }

    /** Called once by the transport the device is plugged into. */
    void attach(VirtioTransport transport);

    /**
     * A request the driver made available on {@code queue} after DRIVER_OK. The device completes it now
     * or keeps it and completes it later; it must not throw.
     */
    void handle(int queue, VirtioRequest request);

    /** Reads {@code width} bytes of device configuration space at {@code offset}, little-endian; zero outside it. */
    long readConfig(int offset, int width);

    /** Writes device configuration space; ignored by default. */
    default void writeConfig(int offset, int width, long value) {
    }

    /** The driver reset the device: forget kept requests (they are stale now) and negotiated state. */
    void reset();
}
