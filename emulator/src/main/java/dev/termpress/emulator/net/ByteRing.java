package dev.termpress.emulator.net;

/** A FIFO of bytes that grows up to a fixed capacity: a connection's bytes from the host until the guest acknowledges them. */
final class ByteRing {

    private final int capacity;
    private byte[] bytes = new byte[4096];
    private int head;
    private int size;

    ByteRing(int capacity) {
        this.capacity = capacity;
    }

    int size() {
        return size;
    }

    int free() {
        return capacity - size;
    }

    /** Appends as much of the bytes as fits; returns how many. */
    int append(byte[] src, int offset, int length) {
        int n = Math.min(length, free());
        if (size + n > bytes.length) {
            byte[] grown = new byte[Math.min(capacity, Math.max(size + n, bytes.length * 2))];
            copyOut(0, grown, 0, size);
            bytes = grown;
            head = 0;
        }
        for (int i = 0; i < n; i++) {
            bytes[(head + size + i) % bytes.length] = src[offset + i];
        }
        size += n;
        return n;
    }

    /** Copies {@code length} bytes starting {@code from} bytes past the head, without removing them. */
    void copyOut(int from, byte[] dest, int destOffset, int length) {
        for (int i = 0; i < length; i++) {
            dest[destOffset + i] = bytes[(head + from + i) % bytes.length];
        }
    }

    /** Drops {@code n} bytes from the head. */
    void discard(int n) {
        int d = Math.min(n, size);
        head = (head + d) % bytes.length;
        size -= d;
    }
}
