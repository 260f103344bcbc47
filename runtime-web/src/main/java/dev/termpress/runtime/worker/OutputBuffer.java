package dev.termpress.runtime.worker;

import dev.termpress.emulator.host.ConsoleOutput;

/**
 * Collects guest console output between two flushes, so the page gets one message per slice instead of
 * one per byte.
 */
final class OutputBuffer implements ConsoleOutput {

    private static final int INITIAL_CAPACITY = 4096;

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int size;

    @Override
    public void write(byte[] data, int offset, int length) {
        if (size + length > bytes.length) {
            int capacity = bytes.length;
            while (capacity < size + length) {
                capacity *= 2;
            }
            byte[] grown = new byte[capacity];
            System.arraycopy(bytes, 0, grown, 0, size);
            bytes = grown;
        }
        System.arraycopy(data, offset, bytes, size, length);
        size += length;
    }

    /** Bytes waiting. */
    int size() {
        return size;
    }

    /** Returns what was written since the last call (null when nothing was) and empties the buffer. */
    byte[] take() {
        if (size == 0) {
            return null;
        }
        byte[] out = new byte[size];
        System.arraycopy(bytes, 0, out, 0, size);
        size = 0;
        if (bytes.length > INITIAL_CAPACITY * 16) {
            bytes = new byte[INITIAL_CAPACITY]; // a burst (cat of a big file) need not pin its buffer
        }
        return out;
    }
}
