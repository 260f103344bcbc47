package dev.termpress.emulator.virtio;

import dev.termpress.emulator.bus.Device;
import dev.termpress.emulator.bus.IrqSink;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.fdt.DeviceTree;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.Snapshottable;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;
import dev.termpress.emulator.snapshot.Sections;

/**
 * The virtio-mmio transport, version 2 (virtio 1.x §4.2.2): registers, feature negotiation, queue
 * setup and interrupts for one {@link VirtioDevice}. A driver that breaks the rules gets
 * DEVICE_NEEDS_RESET in its status register, never a host exception.
 */
public final class VirtioMmio implements Device, VirtioTransport, Snapshottable {

    /** Address of the first virtio-mmio slot (QEMU {@code virt}). */
    public static final long FIRST_SLOT_BASE = 0x1000_1000L;
    /** Distance between slots, which is also each slot's size. */
    public static final long SLOT_STRIDE = 0x1000;
    /** Number of slots; slot {@code n} uses PLIC source {@code n + 1}. */
    public static final int SLOTS = 8;

    private static final int MAGIC = 0x7472_6976; // "virt"
    private static final int VERSION = 2;
    /** "TPRS" in little-endian ASCII; drivers do not look at it. */
    private static final int VENDOR_ID = 0x5352_5054;

    // Register offsets (§4.2.2, table "MMIO Device Register Layout").
    private static final int REG_MAGIC = 0x000;
    private static final int REG_VERSION = 0x004;
    private static final int REG_DEVICE_ID = 0x008;
    private static final int REG_VENDOR_ID = 0x00c;
    private static final int REG_DEVICE_FEATURES = 0x010;
    private static final int REG_DEVICE_FEATURES_SEL = 0x014;
    private static final int REG_DRIVER_FEATURES = 0x020;
    private static final int REG_DRIVER_FEATURES_SEL = 0x024;
    private static final int REG_QUEUE_SEL = 0x030;
    private static final int REG_QUEUE_NUM_MAX = 0x034;
    private static final int REG_QUEUE_NUM = 0x038;
    private static final int REG_QUEUE_READY = 0x044;
    private static final int REG_QUEUE_NOTIFY = 0x050;
    private static final int REG_INTERRUPT_STATUS = 0x060;
    private static final int REG_INTERRUPT_ACK = 0x064;
    private static final int REG_STATUS = 0x070;
    private static final int REG_QUEUE_DESC_LOW = 0x080;
    private static final int REG_QUEUE_DESC_HIGH = 0x084;
    private static final int REG_QUEUE_DRIVER_LOW = 0x090;
    private static final int REG_QUEUE_DRIVER_HIGH = 0x094;
    private static final int REG_QUEUE_DEVICE_LOW = 0x0a0;
    private static final int REG_QUEUE_DEVICE_HIGH = 0x0a4;
    private static final int REG_SHM_LEN_LOW = 0x0b0;
    private static final int REG_SHM_LEN_HIGH = 0x0b4;
    private static final int REG_CONFIG_GENERATION = 0x0fc;
    private static final int CONFIG_BASE = 0x100;

    private final long base;
    private final int irq;
    private final IrqSink irqSink;
    private final VirtioDevice device;
    private final Virtqueue[] queues;
    private final long offeredFeatures;

    private int deviceFeaturesSel;
    private int driverFeaturesSel;
    private long driverFeatures;
    private int queueSel;
    private int status;
    private int interruptStatus;
    private int configGeneration;
    private String lastError;

    /**
     * Plugs {@code device} in at {@code base}, raising PLIC source {@code irq}; its rings live in {@code ram}.
     */
    public VirtioMmio(long base, int irq, IrqSink irqSink, Ram ram, VirtioDevice device) {
        this.base = base;
        this.irq = irq;
        this.irqSink = irqSink;
        this.device = device;
        this.offeredFeatures = (device.deviceFeatures() & 0xff_ffffL)
                | 1L << Virtio.F_VERSION_1 | 1L << Virtio.F_INDIRECT_DESC;
        QueueHost host = new QueueHost() {
            @Override
            public void driverError(String reason) {
                VirtioMmio.this.driverError(reason);
            }

            @Override
            public void usedBufferNotification() {
                raise(Virtio.INTERRUPT_USED_BUFFER);
            }

            @Override
            public boolean indirectDescriptors() {
                return negotiated(Virtio.F_INDIRECT_DESC);
            }
        };
        this.queues = new Virtqueue[device.queueCount()];
        for (int i = 0; i < queues.length; i++) {
            int max = Math.max(1, Math.min(device.queueSizeMax(i), Virtqueue.MAX_SIZE));
            queues[i] = new Virtqueue(i, max, ram, host);
        }
        device.attach(this);
    }

    /** The base address of virtio-mmio slot {@code slot} (0 to 7). */
    public static long slotBase(int slot) {
        return FIRST_SLOT_BASE + SLOT_STRIDE * slot;
    }

    /** The PLIC source of virtio-mmio slot {@code slot}: 1 to 8, as on QEMU {@code virt}. */
    public static int slotIrq(int slot) {
        return slot + 1;
    }

    /** A transport for {@code device} in slot {@code slot}, at {@link #slotBase} with {@link #slotIrq}. */
    public static VirtioMmio inSlot(int slot, IrqSink irqSink, Ram ram, VirtioDevice device) {
        if (slot < 0 || slot >= SLOTS) {
            throw new IllegalArgumentException("virtio-mmio slot must be 0.." + (SLOTS - 1) + ", got " + slot);
        }
        return new VirtioMmio(slotBase(slot), slotIrq(slot), irqSink, ram, device);
    }

    @Override
    public long base() {
        return base;
    }

    @Override
    public long size() {
        return SLOT_STRIDE;
    }

    /** The PLIC source this transport raises. */
    public int irq() {
        return irq;
    }

    /** The device behind this transport. */
    public VirtioDevice device() {
        return device;
    }

    /** The current device status register. */
    public int status() {
        return status;
    }

    /** Why the device last set DEVICE_NEEDS_RESET, or null; for diagnostics. */
    public String lastError() {
        return lastError;
    }

    @Override
    public boolean negotiated(int bit) {
        return (status & Virtio.STATUS_FEATURES_OK) != 0 && (driverFeatures & (1L << bit)) != 0;
    }

    @Override
    public boolean isLive() {
        int wanted = Virtio.STATUS_FEATURES_OK | Virtio.STATUS_DRIVER_OK;
        return (status & wanted) == wanted && (status & Virtio.STATUS_DEVICE_NEEDS_RESET) == 0;
    }

    @Override
    public void configChanged() {
        configGeneration++;
        if (isLive()) {
            raise(Virtio.INTERRUPT_CONFIG_CHANGE);
        }
    }

    @Override
    public long read(long offset, int width) {
        if (offset >= CONFIG_BASE) {
            return device.readConfig((int) (offset - CONFIG_BASE), width);
        }
        if (width == 8) {
            return (readRegister((int) offset) & 0xffff_ffffL) | (readRegister((int) offset + 4) & 0xffff_ffffL) << 32;
        }
        long word = readRegister((int) offset & ~3) & 0xffff_ffffL;
        long shifted = word >>> ((offset & 3) * 8);
        return width >= 4 ? shifted : shifted & ((1L << (width * 8)) - 1);
    }

    @Override
    public void write(long offset, int width, long value) {
        if (offset >= CONFIG_BASE) {
            device.writeConfig((int) (offset - CONFIG_BASE), width, value);
        } else if (width == 8) {
            writeRegister((int) offset, (int) value);
            writeRegister((int) offset + 4, (int) (value >>> 32));
        } else if (width == 4) {
            writeRegister((int) offset, (int) value);
        }
        // Registers below the configuration space are 32 bits wide; narrower writes are not decoded.
    }

    private int readRegister(int offset) {
        Virtqueue queue = selectedQueue();
        switch (offset) {
            case REG_MAGIC:
                return MAGIC;
            case REG_VERSION:
                return VERSION;
            case REG_DEVICE_ID:
                return device.deviceId();
            case REG_VENDOR_ID:
                return VENDOR_ID;
            case REG_DEVICE_FEATURES:
                return deviceFeaturesSel < 2 ? (int) (offeredFeatures >>> (32 * deviceFeaturesSel)) : 0;
            case REG_QUEUE_NUM_MAX:
                return queue == null ? 0 : queue.maxSize();
            case REG_QUEUE_READY:
                return queue != null && queue.isReady() ? 1 : 0;
            case REG_INTERRUPT_STATUS:
                return interruptStatus;
            case REG_STATUS:
                return status;
            case REG_QUEUE_DESC_LOW:
                return queue == null ? 0 : (int) queue.descAddress();
            case REG_QUEUE_DESC_HIGH:
                return queue == null ? 0 : (int) (queue.descAddress() >>> 32);
            case REG_QUEUE_DRIVER_LOW:
                return queue == null ? 0 : (int) queue.driverAddress();
            case REG_QUEUE_DRIVER_HIGH:
                return queue == null ? 0 : (int) (queue.driverAddress() >>> 32);
            case REG_QUEUE_DEVICE_LOW:
                return queue == null ? 0 : (int) queue.deviceAddress();
            case REG_QUEUE_DEVICE_HIGH:
                return queue == null ? 0 : (int) (queue.deviceAddress() >>> 32);
            case REG_SHM_LEN_LOW:
            case REG_SHM_LEN_HIGH:
                return -1; // all ones: no shared memory regions (§4.2.2)
            case REG_CONFIG_GENERATION:
                return configGeneration;
            default:
                return 0;
        }
    }

    private void writeRegister(int offset, int value) {
        switch (offset) {
            case REG_DEVICE_FEATURES_SEL:
                deviceFeaturesSel = value;
                break;
            case REG_DRIVER_FEATURES:
                writeDriverFeatures(value);
                break;
            case REG_DRIVER_FEATURES_SEL:
                driverFeaturesSel = value;
                break;
            case REG_QUEUE_SEL:
                queueSel = value;
                break;
            case REG_QUEUE_NUM:
            case REG_QUEUE_DESC_LOW:
            case REG_QUEUE_DESC_HIGH:
            case REG_QUEUE_DRIVER_LOW:
            case REG_QUEUE_DRIVER_HIGH:
            case REG_QUEUE_DEVICE_LOW:
            case REG_QUEUE_DEVICE_HIGH:
                writeQueueSetup(offset, value);
                break;
            case REG_QUEUE_READY:
                Virtqueue queue = selectedQueue();
                if (queue != null) {
                    queue.setReady(value == 1);
                }
                break;
            case REG_QUEUE_NOTIFY:
                notifyQueue(value);
                break;
            case REG_INTERRUPT_ACK:
                interruptStatus &= ~value;
                updateIrq();
                break;
            case REG_STATUS:
                writeStatus(value & 0xff);
                break;
            default:
                break;
        }
    }

    private void writeDriverFeatures(int value) {
        if ((status & Virtio.STATUS_FEATURES_OK) != 0 || driverFeaturesSel < 0 || driverFeaturesSel > 1) {
            return; // features are fixed once FEATURES_OK is accepted
        }
        int shift = 32 * driverFeaturesSel;
        driverFeatures = (driverFeatures & ~(0xffff_ffffL << shift)) | (value & 0xffff_ffffL) << shift;
    }

    /** Queue layout registers may only change while the queue is not ready (§4.2.3.2). */
    private void writeQueueSetup(int offset, int value) {
        Virtqueue queue = selectedQueue();
        if (queue == null || queue.isReady()) {
            return;
        }
        long v = value & 0xffff_ffffL;
        switch (offset) {
            case REG_QUEUE_NUM -> queue.setSize(value);
            case REG_QUEUE_DESC_LOW -> queue.setDescAddress(queue.descAddress() & ~0xffff_ffffL | v);
            case REG_QUEUE_DESC_HIGH -> queue.setDescAddress(queue.descAddress() & 0xffff_ffffL | v << 32);
            case REG_QUEUE_DRIVER_LOW -> queue.setDriverAddress(queue.driverAddress() & ~0xffff_ffffL | v);
            case REG_QUEUE_DRIVER_HIGH -> queue.setDriverAddress(queue.driverAddress() & 0xffff_ffffL | v << 32);
            case REG_QUEUE_DEVICE_LOW -> queue.setDeviceAddress(queue.deviceAddress() & ~0xffff_ffffL | v);
            case REG_QUEUE_DEVICE_HIGH -> queue.setDeviceAddress(queue.deviceAddress() & 0xffff_ffffL | v << 32);
            default -> {
            }
        }
    }

    private void writeStatus(int value) {
        if (value == 0) {
            reset();
            return;
        }
        int previous = status;
        int next = value | (status & Virtio.STATUS_DEVICE_NEEDS_RESET);
        boolean featuresOkNow = (next & Virtio.STATUS_FEATURES_OK) != 0 && (previous & Virtio.STATUS_FEATURES_OK) == 0;
        if (featuresOkNow && !acceptableFeatures()) {
            next &= ~Virtio.STATUS_FEATURES_OK; // the driver reads status back and sees the refusal (§3.1.1)
        }
        status = next;
        if (isLive() && (previous & Virtio.STATUS_DRIVER_OK) == 0) {
            // Buffers made available before DRIVER_OK wait until now (§3.1.1).
            for (int i = 0; i < queues.length; i++) {
                drain(i);
            }
        }
    }

    private boolean acceptableFeatures() {
        return (driverFeatures & ~offeredFeatures) == 0 && (driverFeatures & (1L << Virtio.F_VERSION_1)) != 0;
    }

    private void reset() {
        status = 0;
        driverFeatures = 0;
        deviceFeaturesSel = 0;
        driverFeaturesSel = 0;
        queueSel = 0;
        interruptStatus = 0;
        lastError = null;
        for (Virtqueue queue : queues) {
            queue.reset();
        }
        updateIrq();
        device.reset();
    }

    /**
     * Every absent RAM page has arrived ({@link Ram#setArrivalListener}): takes the chains the driver made
     * available meanwhile, which {@link Virtqueue#pop} left in their rings.
     */
    public void pagesArrived() {
        if (isLive()) {
            for (int i = 0; i < queues.length; i++) {
                drain(i);
            }
        }
    }

    private void notifyQueue(int index) {
        if (index >= 0 && index < queues.length && isLive()) {
            drain(index);
        }
    }

    private void drain(int index) {
        Virtqueue queue = queues[index];
        VirtioRequest request;
        while (isLive() && (request = queue.pop()) != null) {
            device.handle(index, request);
        }
    }

    private Virtqueue selectedQueue() {
        return queueSel >= 0 && queueSel < queues.length ? queues[queueSel] : null;
    }

    private void driverError(String reason) {
        if ((status & Virtio.STATUS_DEVICE_NEEDS_RESET) != 0) {
            return;
        }
        lastError = reason;
        status |= Virtio.STATUS_DEVICE_NEEDS_RESET;
        for (Virtqueue queue : queues) {
            queue.halt();
        }
        if ((status & Virtio.STATUS_DRIVER_OK) != 0) {
            raise(Virtio.INTERRUPT_CONFIG_CHANGE); // §2.1.2: tell the driver about DEVICE_NEEDS_RESET
        }
    }

    private void raise(int bits) {
        interruptStatus |= bits;
        updateIrq();
    }

    private void updateIrq() {
        irqSink.setIrq(irq, interruptStatus != 0);
    }

    @Override
    public void describe(DeviceTree tree) {
        tree.beginNode("virtio_mmio@" + Long.toHexString(base))
                .property("compatible", "virtio,mmio")
                .longs("reg", base, SLOT_STRIDE)
                .cells("interrupts", irq)
                .cells("interrupt-parent", DeviceTree.PHANDLE_PLIC)
                .endNode();
    }

    // ---- snapshot: transport registers and queues here; the device has its own section ----

    @Override
    public String stateName() {
        return "virtio-mmio@" + Long.toHexString(base);
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    /** The device's section, named by its type and this slot; unsaveable if the device keeps no state list. */
    public Snapshottable deviceState() {
        String name = (device instanceof Snapshottable ? ((Snapshottable) device).stateName()
                : "virtio-device-" + device.deviceId()) + "@" + Long.toHexString(base);
        return device instanceof Snapshottable ? Sections.renamed(name, (Snapshottable) device)
                : Sections.unsaveable(name);
    }

    @Override
    public void saveState(StateWriter out) {
        out.i32(device.deviceId()).i32(queues.length);
        out.i32(deviceFeaturesSel).i32(driverFeaturesSel).i64(driverFeatures).i32(queueSel)
                .i32(status).i32(interruptStatus).i32(configGeneration);
        out.bool(lastError != null).string(lastError == null ? "" : lastError);
        for (Virtqueue queue : queues) {
            queue.saveState(out);
        }
    }

    @Override
    public void restoreState(StateReader in, int version) throws SnapshotException {
        int deviceId = in.i32();
        int queueCount = in.i32();
        if (deviceId != device.deviceId() || queueCount != queues.length) {
            throw new SnapshotException(stateName() + " held virtio device " + deviceId + " with " + queueCount
                    + " queues; this machine has device " + device.deviceId() + " with " + queues.length);
        }
        deviceFeaturesSel = in.i32();
        driverFeaturesSel = in.i32();
        driverFeatures = in.i64();
        queueSel = in.i32();
        status = in.i32();
        interruptStatus = in.i32();
        configGeneration = in.i32();
        boolean hasError = in.bool();
        String error = in.string();
        lastError = hasError ? error : null;
        for (Virtqueue queue : queues) {
            queue.restoreState(in);
        }
    }

    @Override
    public VirtioRequest reclaim(int queue, int head) throws SnapshotException {
        if (queue < 0 || queue >= queues.length) {
            throw new SnapshotException(stateName() + " has no queue " + queue);
        }
        return queues[queue].reclaim(head);
    }
}
