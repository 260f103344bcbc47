package dev.termpress.runtime.worker;

import dev.termpress.emulator.host.ConsoleOutput;
import java.nio.charset.StandardCharsets;

/**
 * Collects guest console output between two flushes, so the page gets one message per slice instead of
 * one per byte. It holds at most {@link #MAX_BYTES}: a guest flooding its console ({@code yes},
 * {@code cat /dev/urandom}) between two flushes loses what does not fit, and the flush ends with a
 * line saying how much was dropped, so the worker's memory stays bounded whatever the guest does.
 */
final class OutputBuffer implements ConsoleOutput {

    /**
     * Most bytes held between two flushes. The session flushes once 64 KiB are waiting, so only a burst
     * within one run chunk reaches this.
     */
    static final int MAX_BYTES = 256 * 1024;
    private static final int INITIAL_CAPACITY = 4096;
    /**
     * CAN first: a terminal abandons an escape sequence the drop cut short, so the notice shows as text.
     */
    private static final String DROPPED_PREFIX = "\u0018\r\n[termpress: ";
    private static final String DROPPED_SUFFIX = " bytes of output dropped]\r\n";

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int size;
    private long dropped;

    @Override
    public void write(byte[] data, int offset, int length) {
        int kept = Math.min(length, MAX_BYTES - size);
        dropped += length - kept;
        if (size + kept > bytes.length) {
            int capacity = bytes.length;
            while (capacity < size + kept) {
                capacity *= 2;
            }
            byte[] grown = new byte[Math.min(capacity, MAX_BYTES)];
            System.arraycopy(bytes, 0, grown, 0, size);
            bytes = grown;
        }
        System.arraycopy(data, offset, bytes, size, kept);
        size += kept;
    }

    /** Bytes waiting. */
    int size() {
        return size;
    }

    /** Bytes dropped since the last {@link #take}. */
    long dropped() {
        return dropped;
    }

    /**
     * Returns what was written since the last call (null when nothing was) and empties the buffer; when
     * some was dropped, the bytes kept are followed by a line saying how many were not.
     */
    byte[] take() {
        if (size == 0) {
            return null;
        }
        byte[] notice = dropped == 0 ? new byte[0]
                : (DROPPED_PREFIX + dropped + DROPPED_SUFFIX).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size + notice.length];
        System.arraycopy(bytes, 0, out, 0, size);
        System.arraycopy(notice, 0, out, size, notice.length);
        size = 0;
        dropped = 0;
        if (bytes.length > INITIAL_CAPACITY * 16) {
            bytes = new byte[INITIAL_CAPACITY]; // a burst (cat of a big file) need not pin its buffer
        }
        return out;
    }
}
