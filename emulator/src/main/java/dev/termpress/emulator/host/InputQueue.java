package dev.termpress.emulator.host;

/** Bytes typed by the host that the guest has not read yet: a growable ring buffer. */
public final class InputQueue {

    private byte[] buffer = new byte[256];
    private int head;
    private int size;

    /** Appends {@code length} bytes of {@code data} from {@code offset}. */
    public void add(byte[] data, int offset, int length) {
        if (size + length > buffer.length) {
            int capacity = buffer.length;
            while (capacity < size + length) {
                capacity *= 2;
            }
            byte[] grown = new byte[capacity];
            for (int i = 0; i < size; i++) {
                grown[i] = buffer[(head + i) % buffer.length];
            }
            buffer = grown;
            head = 0;
        }
        for (int i = 0; i < length; i++) {
            buffer[(head + size + i) % buffer.length] = data[offset + i];
        }
        size += length;
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
