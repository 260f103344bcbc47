package dev.termpress.emulator.virtio;

import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;

/**
 * A split virtqueue (virtio 1.x §2.7): the descriptor table, the driver's available ring and the
 * device's used ring, all in guest RAM. Every guest address is checked against RAM before use; a
 * driver mistake is reported to the transport as a driver error, never thrown.
 */
public final class Virtqueue {

    /** Largest queue size the split ring format allows (§2.7). */
    public static final int MAX_SIZE = 32768;

    private static final int DESC_SIZE = 16; // §2.7.5: le64 addr, le32 len, le16 flags, le16 next
    private static final int RING_HEADER = 4; // flags, idx
    private static final int AVAIL_ELEM = 2;
    private static final int USED_ELEM = 8; // le32 id, le32 len
    private static final int EVENT_FIELD = 2; // used_event / avail_event

    private final int index;
    private final int maxSize;
    private final Ram ram;
    private final QueueHost host;

    private int size;
    private boolean ready;
    private long descAddress;
    private long driverAddress;
    private long deviceAddress;
    private int lastAvailIndex;
    private int usedIndex;
    /** Changes on reset or halt, so completions of requests from before are recognised as stale. */
    private long generation;
    private boolean halted;

    private final ChainWalker walker;

    Virtqueue(int index, int maxSize, Ram ram, QueueHost host) {
        this.index = index;
        this.maxSize = maxSize;
        this.ram = ram;
        this.host = host;
        this.walker = new ChainWalker(ram);
        this.size = maxSize;
    }

    public int index() {
        return index;
    }

    int maxSize() {
        return maxSize;
    }

    int size() {
        return size;
    }

    boolean isReady() {
        return ready;
    }

    long descAddress() {
        return descAddress;
    }

    long driverAddress() {
        return driverAddress;
    }

    long deviceAddress() {
        return deviceAddress;
    }

    void setSize(int size) {
        this.size = size;
    }

    void setDescAddress(long address) {
        descAddress = address;
    }

    void setDriverAddress(long address) {
        driverAddress = address;
    }

    void setDeviceAddress(long address) {
        deviceAddress = address;
    }

    /** Back to the state after a device reset; outstanding requests become stale. */
    void reset() {
        size = maxSize;
        ready = false;
        descAddress = 0;
        driverAddress = 0;
        deviceAddress = 0;
        lastAvailIndex = 0;
        usedIndex = 0;
        halted = false;
        generation++;
    }

    /** Stops all processing until the next reset (after a driver error). */
    void halt() {
        halted = true;
        generation++;
    }

    /** Handles QueueReady: checks size and ring addresses; false (and a driver error) when they are bad. */
    boolean setReady(boolean on) {
        if (!on) {
            ready = false;
            return true;
        }
        String problem = layoutProblem();
        if (problem != null) {
            host.driverError("queue " + index + ": " + problem);
            return false;
        }
        ready = true;
        return true;
    }

    private String layoutProblem() {
        if (size <= 0 || size > maxSize || (size & (size - 1)) != 0) {
            return "size " + size + " is not a power of 2 in 1.." + maxSize;
        }
        if (!ram.contains(descAddress, (long) DESC_SIZE * size)) {
            return "descriptor table at 0x" + Long.toHexString(descAddress) + " is outside RAM";
        }
        if (!ram.contains(driverAddress, RING_HEADER + (long) AVAIL_ELEM * size + EVENT_FIELD)) {
            return "available ring at 0x" + Long.toHexString(driverAddress) + " is outside RAM";
        }
        if (!ram.contains(deviceAddress, RING_HEADER + (long) USED_ELEM * size + EVENT_FIELD)) {
            return "used ring at 0x" + Long.toHexString(deviceAddress) + " is outside RAM";
        }
        return null;
    }

    boolean isCurrent(long requestGeneration) {
        return requestGeneration == generation && !halted;
    }

    /**
     * Takes the next chain the driver made available, or returns null when there is none (or the driver
     * made an error, which has then been reported).
     */
    VirtioRequest pop() {
        if (!ready || halted) {
            return null;
        }
        // Nothing is read, consumed or written while a ring, descriptor or buffer lies on a page that has
        // not arrived: the chain stays available and is taken once RAM is complete (VirtioMmio.pagesArrived).
        if (!ram.present(driverAddress, RING_HEADER + (long) AVAIL_ELEM * size + EVENT_FIELD)
                || !ram.present(deviceAddress, RING_HEADER + (long) USED_ELEM * size + EVENT_FIELD)) {
            return null;
        }
        int availIndex = ram.load16(driverAddress + 2);
        int waiting = (availIndex - lastAvailIndex) & 0xffff;
        if (waiting == 0) {
            return null;
        }
        if (waiting > size) {
            host.driverError("queue " + index + ": available index " + availIndex + " is " + waiting
                    + " ahead of the device, more than the queue size " + size);
            return null;
        }
        int head = ram.load16(driverAddress + RING_HEADER + (long) AVAIL_ELEM * (lastAvailIndex % size));
        VirtioRequest request = walker.walk(this, generation, head, descAddress, size, host.indirectDescriptors());
        if (request == null && walker.metAbsentPage()) {
            return null;
        }
        lastAvailIndex = (lastAvailIndex + 1) & 0xffff;
        if (request == null) {
            host.driverError("queue " + index + ", chain at descriptor " + head + ": " + walker.problem());
        }
        return request;
    }

    /** Puts a finished request on the used ring (§2.7.8) and notifies the driver unless it opted out. */
    void complete(VirtioRequest request, long requestGeneration, int writtenLength) {
        if (!ready || !isCurrent(requestGeneration)) {
            return; // the driver reset the device: the buffer is no longer ours to return
        }
        long element = deviceAddress + RING_HEADER + (long) USED_ELEM * (usedIndex % size);
        ram.store32(element, request.head());
        ram.store32(element + 4, writtenLength);
        usedIndex = (usedIndex + 1) & 0xffff;
        ram.store16(deviceAddress + 2, usedIndex);
        if ((ram.load16(driverAddress) & Virtio.AVAIL_F_NO_INTERRUPT) == 0) {
            host.usedBufferNotification();
        }
    }

    // ---- snapshot: layout and ring positions; the generation is per process and starts afresh ----

    void saveState(StateWriter out) {
        out.i32(maxSize).i32(size).bool(ready).i64(descAddress).i64(driverAddress).i64(deviceAddress)
                .u16(lastAvailIndex).u16(usedIndex).bool(halted);
    }

    void restoreState(StateReader in) throws SnapshotException {
        int savedMax = in.i32();
        if (savedMax != maxSize) {
            throw in.damaged("queue " + index + " had " + savedMax + " entries at most, this device offers " + maxSize);
        }
        size = in.i32();
        ready = in.bool();
        descAddress = in.i64();
        driverAddress = in.i64();
        deviceAddress = in.i64();
        lastAvailIndex = in.u16();
        usedIndex = in.u16();
        halted = in.bool();
        generation++;
        if (ready && layoutProblem() != null) {
            throw in.damaged("queue " + index + ": " + layoutProblem());
        }
    }

    /** The chain at {@code head} walked again (a request a device held across a snapshot). */
    VirtioRequest reclaim(int head) throws SnapshotException {
        if (!ready || halted) {
            throw new SnapshotException("queue " + index + " is not running, yet a device holds its request " + head);
        }
        if (head < 0 || head >= size) {
            throw new SnapshotException("queue " + index + ": held request " + head + " is outside the table of " + size);
        }
        VirtioRequest request = walker.walk(this, generation, head, descAddress, size, host.indirectDescriptors());
        if (request == null) {
            throw new SnapshotException("queue " + index + ", held request " + head + ": "
                    + (walker.metAbsentPage() ? "its buffers are not in the snapshot's first part" : walker.problem()));
        }
        return request;
    }
}
