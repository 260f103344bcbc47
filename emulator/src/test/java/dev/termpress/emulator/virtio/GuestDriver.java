package dev.termpress.emulator.virtio;

import dev.termpress.emulator.bus.IrqSink;
import dev.termpress.emulator.bus.Ram;

/**
 * Plays the guest's virtio driver in tests: register writes through the MMIO transport and rings laid
 * out in a real {@link Ram}, the way Linux's virtio-mmio and virtio-ring drivers do it.
 */
final class GuestDriver {

    static final long RAM_SIZE = 1 << 20;
    static final int REG_DEVICE_FEATURES = 0x010;
    static final int REG_DEVICE_FEATURES_SEL = 0x014;
    static final int REG_DRIVER_FEATURES = 0x020;
    static final int REG_DRIVER_FEATURES_SEL = 0x024;
    static final int REG_QUEUE_SEL = 0x030;
    static final int REG_QUEUE_NUM_MAX = 0x034;
    static final int REG_QUEUE_NUM = 0x038;
    static final int REG_QUEUE_READY = 0x044;
    static final int REG_QUEUE_NOTIFY = 0x050;
    static final int REG_INTERRUPT_STATUS = 0x060;
    static final int REG_INTERRUPT_ACK = 0x064;
    static final int REG_STATUS = 0x070;
    static final int REG_QUEUE_DESC_LOW = 0x080;
    static final int REG_QUEUE_DRIVER_LOW = 0x090;
    static final int REG_QUEUE_DEVICE_LOW = 0x0a0;
    static final int REG_CONFIG_GENERATION = 0x0fc;
    static final int CONFIG = 0x100;

    /** Records the level of the transport's interrupt line. */
    static final class Line implements IrqSink {
        int irq = -1;
        boolean level;

        @Override
        public void setIrq(int irq, boolean level) {
            this.irq = irq;
            this.level = level;
        }
    }

    final Ram ram = new Ram(RAM_SIZE);
    final Line line = new Line();
    final VirtioMmio mmio;
    private long nextFree = Ram.BASE + 0x1000;

    GuestDriver(VirtioDevice device) {
        mmio = VirtioMmio.inSlot(0, line, ram, device);
    }

    int read(int offset) {
        return (int) mmio.read(offset, 4);
    }

    void write(int offset, long value) {
        mmio.write(offset, 4, value);
    }

    long deviceFeatures() {
        write(REG_DEVICE_FEATURES_SEL, 0);
        long low = read(REG_DEVICE_FEATURES) & 0xffff_ffffL;
        write(REG_DEVICE_FEATURES_SEL, 1);
        return low | (long) read(REG_DEVICE_FEATURES) << 32;
    }

    /** Steps 1 to 6 of §3.1.1; returns the status read back after FEATURES_OK. */
    int negotiate(long features) {
        write(REG_STATUS, 0);
        write(REG_STATUS, Virtio.STATUS_ACKNOWLEDGE);
        write(REG_STATUS, Virtio.STATUS_ACKNOWLEDGE | Virtio.STATUS_DRIVER);
        write(REG_DRIVER_FEATURES_SEL, 0);
        write(REG_DRIVER_FEATURES, features & 0xffff_ffffL);
        write(REG_DRIVER_FEATURES_SEL, 1);
        write(REG_DRIVER_FEATURES, features >>> 32);
        write(REG_STATUS, Virtio.STATUS_ACKNOWLEDGE | Virtio.STATUS_DRIVER | Virtio.STATUS_FEATURES_OK);
        return read(REG_STATUS);
    }

    /** Negotiates VERSION_1 and INDIRECT_DESC plus {@code extra}. */
    void negotiateStandard(long extra) {
        int status = negotiate(1L << Virtio.F_VERSION_1 | 1L << Virtio.F_INDIRECT_DESC | extra);
        if ((status & Virtio.STATUS_FEATURES_OK) == 0) {
            throw new AssertionError("device refused features");
        }
    }

    void driverOk() {
        write(REG_STATUS, read(REG_STATUS) | Virtio.STATUS_DRIVER_OK);
    }

    /** Full bring-up: features, queues of {@code size}, DRIVER_OK. */
    GuestQueue[] start(int queueCount, int size, long extraFeatures) {
        negotiateStandard(extraFeatures);
        GuestQueue[] queues = new GuestQueue[queueCount];
        for (int i = 0; i < queueCount; i++) {
            queues[i] = setUpQueue(i, size);
        }
        driverOk();
        return queues;
    }

    GuestQueue setUpQueue(int index, int size) {
        long desc = alloc(16L * size, 16);
        long avail = alloc(6 + 2L * size, 2);
        long used = alloc(6 + 8L * size, 4);
        return installQueue(index, size, desc, avail, used);
    }

    /** Points queue {@code index} at rings already in RAM (the rings are not cleared). */
    GuestQueue installQueue(int index, int size, long desc, long avail, long used) {
        write(REG_QUEUE_SEL, index);
        write(REG_QUEUE_NUM, size);
        write(REG_QUEUE_DESC_LOW, desc);
        write(REG_QUEUE_DESC_LOW + 4, desc >>> 32);
        write(REG_QUEUE_DRIVER_LOW, avail);
        write(REG_QUEUE_DRIVER_LOW + 4, avail >>> 32);
        write(REG_QUEUE_DEVICE_LOW, used);
        write(REG_QUEUE_DEVICE_LOW + 4, used >>> 32);
        write(REG_QUEUE_READY, 1);
        return new GuestQueue(this, index, size, desc, avail, used);
    }

    /** Guest memory for buffers and rings, from a bump allocator. */
    long alloc(long bytes, int align) {
        nextFree = (nextFree + align - 1) & -(long) align;
        long address = nextFree;
        nextFree += bytes;
        if (!ram.contains(address, bytes)) {
            throw new AssertionError("test RAM exhausted");
        }
        return address;
    }

    long buffer(byte[] contents) {
        long address = alloc(Math.max(1, contents.length), 8);
        ram.write(address, contents, 0, contents.length);
        return address;
    }

    byte[] bytes(long address, int length) {
        byte[] out = new byte[length];
        ram.read(address, out, 0, length);
        return out;
    }

    void notify(int queue) {
        write(REG_QUEUE_NOTIFY, queue);
    }

    int interruptStatus() {
        return read(REG_INTERRUPT_STATUS);
    }

    void ack(int bits) {
        write(REG_INTERRUPT_ACK, bits);
    }

    boolean needsReset() {
        return (read(REG_STATUS) & Virtio.STATUS_DEVICE_NEEDS_RESET) != 0;
    }
}
