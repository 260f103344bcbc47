package dev.termpress.emulator.virtio;

/** What a virtqueue reports to its transport. */
interface QueueHost {

    /** The driver broke the rules (bad address, malformed chain): the device needs a reset. */
    void driverError(String reason);

    /** A buffer went to the used ring and the driver wants to hear about it. */
    void usedBufferNotification();

    /** Whether the driver negotiated VIRTIO_F_INDIRECT_DESC. */
    boolean indirectDescriptors();
}
