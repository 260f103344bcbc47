package dev.termpress.emulator.fs.deflate;

import dev.termpress.emulator.fs.ImageFormatException;
import java.io.IOException;
import java.io.InputStream;

/** Bits of a byte stream, least significant bit of each byte first (RFC 1951 §3.1.1), with their absolute position. */
final class BitInput {

    private static final int BUFFER_BYTES = 1 << 16;

    private final InputStream in;
    private final String name;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int bufferPos;
    private int bufferEnd;
    private long bytesBuffered; // bytes moved from the stream into bitBuffer so far
    private long bitBuffer;
    private int bitCount;

    BitInput(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    /** Bits consumed so far, counted from the stream's first bit. */
    long position() {
        return bytesBuffered * 8 - bitCount;
    }

    /** Reads {@code n} (at most 32) bits as an unsigned number. */
    int bits(int n) throws ImageFormatException {
        need(n);
        int value = (int) (bitBuffer & ((1L << n) - 1));
        bitBuffer >>>= n;
        bitCount -= n;
        return value;
    }

    /** Up to {@code n} bits without consuming them (fewer valid ones at the end of the stream, zero-filled). */
    int peek(int n) throws ImageFormatException {
        fill(n);
        return (int) (bitBuffer & ((1L << n) - 1));
    }

    /** Bits available to {@link #peek} right now, after a {@code fill}. */
    int available() {
        return bitCount;
    }

    void skip(int n) throws ImageFormatException {
        need(n);
        bitBuffer >>>= n;
        bitCount -= n;
    }

    /** Drops the bits up to the next byte boundary. */
    void alignToByte() {
        int drop = bitCount & 7;
        bitBuffer >>>= drop;
        bitCount -= drop;
    }

    /** One whole byte; the position must be byte-aligned or only whole bytes are buffered. */
    int byteAligned() throws ImageFormatException {
        return bits(8);
    }

    /** The next byte or -1 at the end of the stream (after {@link #alignToByte}). */
    int byteOrEnd() throws ImageFormatException {
        fill(8);
        if (bitCount < 8) {
            return -1;
        }
        return bits(8);
    }

    String name() {
        return name;
    }

    private void need(int n) throws ImageFormatException {
        fill(n);
        if (bitCount < n) {
            throw new ImageFormatException(name + ": compressed data ends early, at byte " + (position() / 8));
        }
    }

    private void fill(int n) throws ImageFormatException {
        while (bitCount < n && bitCount <= 56) {
            if (bufferPos == bufferEnd && !refill()) {
                return;
            }
            bitBuffer |= (long) (buffer[bufferPos++] & 0xff) << bitCount;
            bitCount += 8;
            bytesBuffered++;
        }
    }

    private boolean refill() throws ImageFormatException {
        try {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return false;
            }
            bufferPos = 0;
            bufferEnd = n;
            return true;
        } catch (IOException e) {
            throw new ImageFormatException(name + ": cannot read the compressed data: " + e.getMessage());
        }
    }
}
