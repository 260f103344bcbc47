package dev.termpress.emulator.virtio;

/** Numbers from the virtio 1.x specification shared by the transport, the queues and the devices. */
public final class Virtio {

    // Device status field (§2.1).
    public static final int STATUS_ACKNOWLEDGE = 1;
    public static final int STATUS_DRIVER = 2;
    public static final int STATUS_DRIVER_OK = 4;
    public static final int STATUS_FEATURES_OK = 8;
    public static final int STATUS_DEVICE_NEEDS_RESET = 64;
    public static final int STATUS_FAILED = 128;

    // Reserved feature bits (§6).
    public static final int F_INDIRECT_DESC = 28;
    public static final int F_EVENT_IDX = 29;
    public static final int F_VERSION_1 = 32;

    // Split virtqueue descriptor and ring flags (§2.7.5, §2.7.6).
    public static final int DESC_F_NEXT = 1;
    public static final int DESC_F_WRITE = 2;
    public static final int DESC_F_INDIRECT = 4;
    public static final int AVAIL_F_NO_INTERRUPT = 1;

    // InterruptStatus bits of the MMIO transport (§4.2.2).
    public static final int INTERRUPT_USED_BUFFER = 1;
    public static final int INTERRUPT_CONFIG_CHANGE = 2;

    // Device IDs (§5).
    public static final int DEVICE_NET = 1;
    public static final int DEVICE_CONSOLE = 3;
    public static final int DEVICE_ENTROPY = 4;
    public static final int DEVICE_9P = 9;

    private Virtio() {
    }
}
