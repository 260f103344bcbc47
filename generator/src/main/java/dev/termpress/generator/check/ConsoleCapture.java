package dev.termpress.generator.check;

import java.nio.charset.StandardCharsets;

/**
 * What the guest printed since the last prompt was taken, bounded: the first {@link #MAX_OUTPUT}
 * bytes of a command's output are kept, then only the last {@link #TAIL} (where the next prompt
 * will be), with a notice of how much was dropped between them. A block running {@code yes} or
 * {@code cat /dev/urandom} until its budget so costs the check a fixed amount of memory, and each
 * look for the prompt reads at most that much. A tail of the whole transcript is kept for failure
 * messages. Text is ISO-8859-1, one char per byte, so offsets are byte offsets.
 */
final class ConsoleCapture {

    /** Bytes of one command's output kept from its start: far more than a demo prints. */
    static final int MAX_OUTPUT = 1 << 20;
    /** Bytes kept from the end of output past {@link #MAX_OUTPUT}, and of the whole transcript. */
    static final int TAIL = 64 * 1024;

    private final byte[] head = new byte[MAX_OUTPUT];
    private int headLength;
    private final Tail recent = new Tail();
    private final Tail transcript = new Tail();
    private long dropped;
    private long total;
    private String text;

    /** Takes bytes the guest wrote (a {@code ConsoleOutput}). */
    void write(byte[] data, int offset, int length) {
        total += length;
        transcript.add(data, offset, length);
        int kept = Math.min(length, MAX_OUTPUT - headLength);
        System.arraycopy(data, offset, head, headLength, kept);
        headLength += kept;
        if (kept < length) {
            dropped += recent.add(data, offset + kept, length - kept);
        }
        if (length > 0) {
            text = null;
        }
    }

    /** Bytes written in all, kept or not: it grows while the guest prints. */
    long total() {
        return total;
    }

    /** The output since the last {@link #consume}, with a notice where some was dropped. */
    String text() {
        if (text == null) {
            String kept = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
            text = dropped == 0 && recent.length() == 0 ? kept
                    : kept + "\n[termpress: " + dropped + " bytes of output dropped]\n" + recent.text();
        }
        return text;
    }

    /** Forgets the first {@code chars} of {@link #text()} (output up to and including a prompt). */
    void consume(int chars) {
        String rest = text().substring(chars);
        headLength = 0;
        dropped = 0;
        recent.clear();
        text = null;
        byte[] bytes = rest.getBytes(StandardCharsets.ISO_8859_1);
        int kept = Math.min(bytes.length, MAX_OUTPUT);
        System.arraycopy(bytes, 0, head, 0, kept);
        headLength = kept;
    }

    /** The last {@link #TAIL} bytes the guest wrote, for failure messages. */
    String transcript() {
        return transcript.text();
    }

    /** The last {@link #TAIL} bytes given to it, in a ring. */
    private static final class Tail {
        private final byte[] ring = new byte[TAIL];
        private long written;

        /** Adds bytes; returns how many older ones fell out. */
        long add(byte[] data, int offset, int length) {
            long before = Math.min(written, TAIL);
            int skip = Math.max(0, length - TAIL);
            for (int i = skip; i < length; i++) {
                ring[(int) ((written + i - skip) % TAIL)] = data[offset + i];
            }
            written += length - skip;
            return before + length - Math.min(written, TAIL);
        }

        int length() {
            return (int) Math.min(written, TAIL);
        }

        String text() {
            int length = length();
            byte[] out = new byte[length];
            long start = written - length;
            for (int i = 0; i < length; i++) {
                out[i] = ring[(int) ((start + i) % TAIL)];
            }
            return new String(out, StandardCharsets.ISO_8859_1);
        }

        void clear() {
            written = 0;
        }
    }
}
