package dev.termpress.emulator.virtio;

import dev.termpress.emulator.bus.Ram;

/** The driver's side of one split virtqueue in test RAM: writes descriptors and the available ring, reads the used ring. */
final class GuestQueue {

    /** One buffer of a chain as the driver describes it. */
    record Buffer(long address, int length, boolean writable) {
        static Buffer in(long address, int length) {
            return new Buffer(address, length, false);
        }

        static Buffer out(long address, int length) {
            return new Buffer(address, length, true);
        }
    }

    /** A used-ring element. */
    record Used(int id, int length) {
    }

    private final GuestDriver driver;
    private final Ram ram;
    final int index;
    final int size;
    final long desc;
    final long avail;
    final long used;
    private int nextDesc;
    private int availIndex;
    private int lastUsed;

    GuestQueue(GuestDriver driver, int index, int size, long desc, long avail, long used) {
        this.driver = driver;
        this.ram = driver.ram;
        this.index = index;
        this.size = size;
        this.desc = desc;
        this.avail = avail;
        this.used = used;
    }

    void writeDescriptor(long table, int i, long address, int length, int flags, int next) {
        long d = table + 16L * i;
        ram.store64(d, address);
        ram.store32(d + 8, length);
        ram.store16(d + 12, flags);
        ram.store16(d + 14, next);
    }

    /** Writes a chain into consecutive descriptors of the main table and makes it available; returns its head. */
    int addChain(Buffer... buffers) {
        int head = nextDesc;
        for (int i = 0; i < buffers.length; i++) {
            int slot = (head + i) % size;
            boolean last = i == buffers.length - 1;
            int flags = (buffers[i].writable() ? Virtio.DESC_F_WRITE : 0) | (last ? 0 : Virtio.DESC_F_NEXT);
            writeDescriptor(desc, slot, buffers[i].address(), buffers[i].length(), flags, (slot + 1) % size);
        }
        nextDesc = (head + buffers.length) % size;
        publish(head);
        return head;
    }

    /** Writes the chain into a new indirect table referenced by a single descriptor; returns the head. */
    int addIndirect(Buffer... buffers) {
        long table = driver.alloc(16L * buffers.length, 16);
        for (int i = 0; i < buffers.length; i++) {
            boolean last = i == buffers.length - 1;
            int flags = (buffers[i].writable() ? Virtio.DESC_F_WRITE : 0) | (last ? 0 : Virtio.DESC_F_NEXT);
            writeDescriptor(table, i, buffers[i].address(), buffers[i].length(), flags, i + 1);
        }
        int head = nextDesc;
        writeDescriptor(desc, head, table, 16 * buffers.length, Virtio.DESC_F_INDIRECT, 0);
        nextDesc = (head + 1) % size;
        publish(head);
        return head;
    }

    /** Puts {@code head} on the available ring and bumps its index. */
    void publish(int head) {
        ram.store16(avail + 4 + 2L * (availIndex % size), head);
        availIndex = (availIndex + 1) & 0xffff;
        ram.store16(avail + 2, availIndex);
    }

    void setAvailFlags(int flags) {
        ram.store16(avail, flags);
    }

    /** The next used element, or null when the device has returned nothing new. */
    Used pollUsed() {
        int deviceIndex = ram.load16(used + 2);
        if (deviceIndex == lastUsed) {
            return null;
        }
        long element = used + 4 + 8L * (lastUsed % size);
        lastUsed = (lastUsed + 1) & 0xffff;
        return new Used(ram.load32(element), ram.load32(element + 4));
    }

    int usedIndex() {
        return ram.load16(used + 2);
    }

    void notifyDevice() {
        driver.notify(index);
    }
}
