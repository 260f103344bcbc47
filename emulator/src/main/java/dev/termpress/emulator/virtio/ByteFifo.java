package dev.termpress.emulator.virtio;

/** A growable first-in first-out byte buffer: host input waiting for the guest to post buffers. */
final class ByteFifo {

    private byte[] buffer = new byte[256];
    private int head;
    private int size;

    int size() {
        return size;
    }

    void append(byte[] src, int offset, int length) {
        if (size + length > buffer.length) {
            grow(size + length);
        }
        for (int i = 0; i < length; i++) {
            buffer[(head + size + i) % buffer.length] = src[offset + i];
        }
        size += length;
    }

    /** Removes up to {@code max} bytes into {@code dest}; returns how many. */
    int take(byte[] dest, int offset, int max) {
        int n = Math.min(max, size);
        for (int i = 0; i < n; i++) {
            dest[offset + i] = buffer[(head + i) % buffer.length];
        }
        head = (head + n) % buffer.length;
        size -= n;
        return n;
    }

    private void grow(int needed) {
        int capacity = buffer.length;
        while (capacity < needed) {
            capacity *= 2;
        }
        byte[] bigger = new byte[capacity];
        int count = size;
        take(bigger, 0, count);
        buffer = bigger;
        head = 0;
        size = count;
    }

    /** The buffered bytes, oldest first, without removing them (a snapshot saves them). */
    byte[] peekAll() {
        byte[] waiting = new byte[size];
        for (int i = 0; i < size; i++) {
            waiting[i] = buffer[(head + i) % buffer.length];
        }
        return waiting;
    }
}
