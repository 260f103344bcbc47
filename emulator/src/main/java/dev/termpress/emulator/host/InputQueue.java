package dev.termpress.emulator.host;

/**
 * Bytes typed by the host that the guest has not read yet: a ring buffer that grows up to a fixed
 * capacity. Past it, {@link #add} takes only what fits, so a host that keeps typing into a guest that
 * never reads (early boot, a hung kernel) cannot grow it without bound.
 */
public final class InputQueue {

    private final int capacity;
    private byte[] buffer;
    private int head;
    private int size;

    /** @param capacity the most bytes that may wait at once */
    public InputQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " (valid: at least 1)");
        }
        this.capacity = capacity;
        this.buffer = new byte[Math.min(256, capacity)];
    }

    /**
     * Appends up to {@code length} bytes of {@code data} from {@code offset}, as many as fit.
     *
     * @return how many were taken; the rest is the caller's to drop (and say so)
     */
    public int add(byte[] data, int offset, int length) {
        int taken = Math.min(length, capacity - size);
        if (size + taken > buffer.length) {
            int grown = buffer.length;
            while (grown < size + taken) {
                grown = (int) Math.min(capacity, grown * 2L);
            }
            byte[] bigger = new byte[grown];
            for (int i = 0; i < size; i++) {
                bigger[i] = buffer[(head + i) % buffer.length];
            }
            buffer = bigger;
            head = 0;
        }
        for (int i = 0; i < taken; i++) {
            buffer[(head + size + i) % buffer.length] = data[offset + i];
        }
        size += taken;
        return taken;
    }

    /** How many bytes wait to be read. */
    public int available() {
        return size;
    }

    /** Removes and returns the next byte (0..255), or -1 if none is waiting. */
    public int poll() {
        if (size == 0) {
            return -1;
        }
        int b = buffer[head] & 0xff;
        head = (head + 1) % buffer.length;
        size--;
        return b;
    }

    /** The waiting bytes, oldest first, without removing them (a snapshot saves them). */
    public byte[] peekAll() {
        byte[] waiting = new byte[size];
        for (int i = 0; i < size; i++) {
            waiting[i] = buffer[(head + i) % buffer.length];
        }
        return waiting;
    }
}
