package dev.termpress.emulator.virtio;

import dev.termpress.emulator.bus.Ram;
import java.util.Arrays;

/**
 * Follows a descriptor chain (§2.7.5), including an indirect table (§2.7.5.3), into the segments of a
 * {@link VirtioRequest}. Every rule a hostile or buggy driver could break is checked: addresses outside
 * RAM, next indices outside the table, loops (a chain can never be longer than its table), nested
 * indirect tables, and writable segments before readable ones.
 */
final class ChainWalker {

    private static final int DESC_SIZE = 16;

    private final Ram ram;
    private long[] addresses = new long[16];
    private int[] lengths = new int[16];
    private int count;
    private int readableSegments;
    private long readableLength;
    private long writableLength;
    private boolean sawWritable;
    private String problem;
    /** The last walk met a page that has not arrived ({@link Ram#present}): no fault, try again later. */
    private boolean absent;

    ChainWalker(Ram ram) {
        this.ram = ram;
    }

    /** Why the last {@link #walk} returned null. */
    String problem() {
        return problem;
    }

    /** Whether the last {@link #walk} returned null because a descriptor or buffer lies on an absent page. */
    boolean metAbsentPage() {
        return absent;
    }

    /** The request for the chain starting at {@code head}, or null (see {@link #problem()}). */
    VirtioRequest walk(Virtqueue queue, long generation, int head, long table, int tableSize, boolean indirectAllowed) {
        count = 0;
        readableSegments = 0;
        readableLength = 0;
        writableLength = 0;
        sawWritable = false;
        problem = null;
        absent = false;
        if (!walkTable(table, tableSize, head, indirectAllowed)) {
            return null;
        }
        return new VirtioRequest(queue, generation, head, ram, Arrays.copyOf(addresses, count),
                Arrays.copyOf(lengths, count), readableSegments, (int) readableLength, (int) writableLength);
    }

    private boolean walkTable(long table, int tableSize, int first, boolean indirectAllowed) {
        int next = first;
        // A chain that visits more descriptors than the table holds must contain a loop.
        for (int visited = 0; visited < tableSize; visited++) {
            if (next >= tableSize) {
                return fail("descriptor index " + next + " is outside a table of " + tableSize);
            }
            long desc = table + (long) DESC_SIZE * next;
            if (!ram.present(desc, DESC_SIZE)) {
                return pageAbsent();
            }
            long address = ram.load64(desc);
            long length = ram.load32(desc + 8) & 0xffff_ffffL;
            int flags = ram.load16(desc + 12);
            next = ram.load16(desc + 14);
            if ((flags & Virtio.DESC_F_INDIRECT) != 0) {
                if (!indirectAllowed) {
                    return fail("indirect descriptor not allowed here (not negotiated, or inside an indirect table)");
                }
                if ((flags & Virtio.DESC_F_NEXT) != 0) {
                    return fail("indirect descriptor with the NEXT flag");
                }
                if (length == 0 || length % DESC_SIZE != 0) {
                    return fail("indirect table length " + length + " is not a positive multiple of 16");
                }
                if (!ram.contains(address, length)) {
                    return fail("indirect table at 0x" + Long.toHexString(address) + " is outside RAM");
                }
                if (!ram.present(address, length)) {
                    return pageAbsent();
                }
                // The write-only flag of an indirect descriptor is ignored (§2.7.5.3.2).
                return walkTable(address, (int) (length / DESC_SIZE), 0, false);
            }
            if (!addSegment(address, length, (flags & Virtio.DESC_F_WRITE) != 0)) {
                return false;
            }
            if ((flags & Virtio.DESC_F_NEXT) == 0) {
                return true;
            }
        }
        return fail("chain longer than its table of " + tableSize + " descriptors (a loop)");
    }

    private boolean addSegment(long address, long length, boolean writable) {
        if (!ram.contains(address, length)) {
            return fail("buffer 0x" + Long.toHexString(address) + "+" + length + " is outside RAM");
        }
        if (!ram.present(address, length)) {
            return pageAbsent();
        }
        if (writable) {
            sawWritable = true;
            writableLength += length;
        } else {
            if (sawWritable) {
                return fail("readable buffer after a writable one");
            }
            readableLength += length;
            readableSegments++;
        }
        if (readableLength + writableLength > Integer.MAX_VALUE) {
            return fail("chain longer than 2 GiB in total");
        }
        if (count == addresses.length) {
            addresses = Arrays.copyOf(addresses, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        addresses[count] = address;
        lengths[count] = (int) length;
        count++;
        return true;
    }

    private boolean pageAbsent() {
        absent = true;
        return false;
    }

    private boolean fail(String why) {
        problem = why;
        return false;
    }
}
