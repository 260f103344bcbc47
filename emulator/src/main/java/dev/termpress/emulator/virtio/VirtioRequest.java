package dev.termpress.emulator.virtio;

import dev.termpress.emulator.bus.Ram;

/**
 * One buffer the driver made available: a descriptor chain already checked against RAM, seen as a
 * readable byte range (driver to device) followed by a writable one (device to driver). The request is
 * also its own completion handle: a device calls {@link #complete} now or much later (when data it
 * waits for arrives), always on the thread that runs the machine. A completion after the driver reset
 * the device is dropped, as the buffer no longer belongs to the device.
 */
public final class VirtioRequest {

    private final Virtqueue queue;
    private final long generation;
    private final int head;
    private final Ram ram;
    private final long[] addresses;
    private final int[] lengths;
    private final int readableSegments;
    private final int readableLength;
    private final int writableLength;
    private int writtenLength;
    private boolean completed;

    VirtioRequest(Virtqueue queue, long generation, int head, Ram ram, long[] addresses, int[] lengths,
            int readableSegments, int readableLength, int writableLength) {
        this.queue = queue;
        this.generation = generation;
        this.head = head;
        this.ram = ram;
        this.addresses = addresses;
        this.lengths = lengths;
        this.readableSegments = readableSegments;
        this.readableLength = readableLength;
        this.writableLength = writableLength;
    }

    /** Index of the queue this request came from. */
    public int queueIndex() {
        return queue.index();
    }

    /** Index of the chain's head descriptor (the id the used ring reports). */
    public int head() {
        return head;
    }

    /** Number of bytes the driver gave the device to read. */
    public int readableLength() {
        return readableLength;
    }

    /** Number of bytes the device may write. */
    public int writableLength() {
        return writableLength;
    }

    /** Copies up to {@code length} readable bytes from {@code position}; returns how many were copied. */
    public int read(int position, byte[] dest, int destOffset, int length) {
        return copy(0, readableSegments, position, dest, destOffset, length, false);
    }

    /** All readable bytes as a new array. */
    public byte[] readAll() {
        byte[] bytes = new byte[readableLength];
        read(0, bytes, 0, readableLength);
        return bytes;
    }

    /** Copies up to {@code length} bytes into the writable part at {@code position}; returns how many fit. */
    public int write(int position, byte[] src, int srcOffset, int length) {
        int copied = copy(readableSegments, lengths.length, position, src, srcOffset, length, true);
        if (copied > 0) {
            writtenLength = Math.max(writtenLength, position + copied);
        }
        return copied;
    }

    /** Completes with the number of bytes written so far (the furthest byte {@link #write} reached). */
    public void complete() {
        complete(writtenLength);
    }

    /**
     * Returns the buffer to the driver, reporting {@code length} bytes written (clamped to the writable
     * length), and interrupts the driver unless it asked not to be. A second completion is ignored.
     */
    public void complete(int length) {
        if (completed) {
            return;
        }
        completed = true;
        queue.complete(this, generation, Math.max(0, Math.min(length, writableLength)));
    }

    /** Whether {@link #complete} was called. */
    public boolean isCompleted() {
        return completed;
    }

    /** Whether the driver still owns this request to the device: false after a reset or a driver error. */
    public boolean isLive() {
        return !completed && queue.isCurrent(generation);
    }

    private int copy(int firstSegment, int endSegment, int position, byte[] array, int arrayOffset, int length,
            boolean toGuest) {
        if (position < 0 || length <= 0 || arrayOffset < 0 || arrayOffset > array.length - length) {
            return 0;
        }
        int copied = 0;
        int skip = position;
        for (int s = firstSegment; s < endSegment && copied < length; s++) {
            int segmentLength = lengths[s];
            if (skip >= segmentLength) {
                skip -= segmentLength;
                continue;
            }
            int n = Math.min(segmentLength - skip, length - copied);
            long address = addresses[s] + skip;
            if (toGuest) {
                ram.write(address, array, arrayOffset + copied, n);
            } else {
                ram.read(address, array, arrayOffset + copied, n);
            }
            copied += n;
            skip = 0;
        }
        return copied;
    }
}
