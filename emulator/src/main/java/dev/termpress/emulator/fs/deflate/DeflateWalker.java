package dev.termpress.emulator.fs.deflate;

import dev.termpress.emulator.fs.ImageFormatException;

/**
 * A raw deflate decoder (RFC 1951) that tells a listener where each block starts, in bits of the
 * compressed stream and bytes of the output, with the last 32 KiB of output at hand: the points from
 * which decoding can resume given that window.
 */
final class DeflateWalker {

    /** Distance limit of deflate (RFC 1951 §2): the window a resumed decoder needs. */
    static final int WINDOW_BYTES = 1 << 15;
    private static final int WINDOW_MASK = WINDOW_BYTES - 1;
    private static final int END_OF_BLOCK = 256;

    // RFC 1951 §3.2.5: base lengths and extra bits of length codes 257..285, then of distance codes 0..29.
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
        59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4,
        4, 5, 5, 5, 5, 0};
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
        513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DISTANCE_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9,
        10, 10, 11, 11, 12, 12, 13, 13};
    // RFC 1951 §3.2.7: the order in which code length code lengths are sent.
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private static final int BTYPE_STORED = 0;
    private static final int BTYPE_FIXED = 1;
    private static final int BTYPE_DYNAMIC = 2;

    /** Told about every block before it is decoded. */
    interface Listener {

        /**
         * A block starts at compressed bit {@code bit}, after {@code outputOffset} bytes of output; {@code stored}
         * for a stored block (BTYPE 00).
         */
        void blockStart(long bit, long outputOffset, boolean stored) throws ImageFormatException;
    }

    /** Receives the output, in order. */
    interface Sink {
        void write(byte[] bytes, int offset, int length);
    }

    private static HuffmanTable fixedLiterals;
    private static HuffmanTable fixedDistances;

    private final BitInput in;
    private final Sink sink;
    private final byte[] history = new byte[WINDOW_BYTES];
    private final byte[] pending = new byte[1 << 16];
    private int pendingLength;
    private long outputLength;

    DeflateWalker(BitInput in, Sink sink) {
        this.in = in;
        this.sink = sink;
    }

    /** Decodes blocks until the final one ends, telling {@code listener} where each starts. */
    void run(Listener listener) throws ImageFormatException {
        boolean last = false;
        while (!last) {
            long bit = in.position();
            int header = in.peek(3);
            last = (header & 1) == 1;
            listener.blockStart(bit, outputLength, header >>> 1 == BTYPE_STORED);
            in.skip(1);
            int type = in.bits(2);
            switch (type) {
                case BTYPE_STORED -> stored();
                case BTYPE_FIXED -> codes(fixedLiterals(), fixedDistances());
                case BTYPE_DYNAMIC -> dynamic();
                default -> throw new ImageFormatException(in.name() + ": reserved deflate block type 3 at bit " + bit);
            }
        }
        flush();
    }

    /** Output bytes produced so far. */
    long outputLength() {
        return outputLength;
    }

    /** The last {@code min(32 KiB, output so far)} bytes of output, oldest first. */
    byte[] window() {
        int n = (int) Math.min(WINDOW_BYTES, outputLength);
        byte[] window = new byte[n];
        for (int i = 0; i < n; i++) {
            window[i] = history[(int) ((outputLength - n + i) & WINDOW_MASK)];
        }
        return window;
    }

    private void stored() throws ImageFormatException {
        in.alignToByte();
        int length = in.bits(16);
        int complement = in.bits(16);
        if ((length ^ 0xffff) != complement) {
            throw new ImageFormatException(in.name() + ": stored block length " + length + " does not match its complement"
                    + " at bit " + in.position());
        }
        for (int i = 0; i < length; i++) {
            put((byte) in.bits(8));
        }
    }

    private void dynamic() throws ImageFormatException {
        int literalCount = in.bits(5) + 257;
        int distanceCount = in.bits(5) + 1;
        int codeLengthCount = in.bits(4) + 4;
        if (literalCount > 286 || distanceCount > 30) {
            throw new ImageFormatException(in.name() + ": dynamic block declares " + literalCount + " literal/length and "
                    + distanceCount + " distance codes (valid: at most 286 and 30) near bit " + in.position());
        }
        int[] codeLengthLengths = new int[19];
        for (int i = 0; i < codeLengthCount; i++) {
            codeLengthLengths[CODE_LENGTH_ORDER[i]] = in.bits(3);
        }
        HuffmanTable codeLengths = HuffmanTable.of(codeLengthLengths, 19, in.name() + ": code length");
        int[] lengths = new int[literalCount + distanceCount];
        int i = 0;
        while (i < lengths.length) {
            int symbol = codeLengths.decode(in);
            if (symbol < 16) {
                lengths[i++] = symbol;
                continue;
            }
            int repeat;
            int value = 0;
            if (symbol == 16) {
                if (i == 0) {
                    throw new ImageFormatException(in.name() + ": repeat of no previous code length near bit " + in.position());
                }
                value = lengths[i - 1];
                repeat = 3 + in.bits(2);
            } else if (symbol == 17) {
                repeat = 3 + in.bits(3);
            } else {
                repeat = 11 + in.bits(7);
            }
            if (i + repeat > lengths.length) {
                throw new ImageFormatException(in.name() + ": code lengths run past their count near bit " + in.position());
            }
            while (repeat-- > 0) {
                lengths[i++] = value;
            }
        }
        if (lengths[END_OF_BLOCK] == 0) {
            throw new ImageFormatException(in.name() + ": dynamic block without an end-of-block code near bit " + in.position());
        }
        int[] distances = new int[distanceCount];
        System.arraycopy(lengths, literalCount, distances, 0, distanceCount);
        codes(HuffmanTable.of(lengths, literalCount, in.name() + ": literal/length"),
                HuffmanTable.of(distances, distanceCount, in.name() + ": distance"));
    }

    private void codes(HuffmanTable literals, HuffmanTable distances) throws ImageFormatException {
        for (;;) {
            int symbol = literals.decode(in);
            if (symbol < END_OF_BLOCK) {
                put((byte) symbol);
                continue;
            }
            if (symbol == END_OF_BLOCK) {
                return;
            }
            int lengthCode = symbol - 257;
            if (lengthCode >= LENGTH_BASE.length) {
                throw new ImageFormatException(in.name() + ": invalid length code " + symbol + " near bit " + in.position());
            }
            int length = LENGTH_BASE[lengthCode] + in.bits(LENGTH_EXTRA[lengthCode]);
            int distanceCode = distances.decode(in);
            if (distanceCode >= DISTANCE_BASE.length) {
                throw new ImageFormatException(in.name() + ": invalid distance code " + distanceCode + " near bit "
                        + in.position());
            }
            int distance = DISTANCE_BASE[distanceCode] + in.bits(DISTANCE_EXTRA[distanceCode]);
            if (distance > outputLength) {
                throw new ImageFormatException(in.name() + ": distance " + distance + " reaches before the start of the"
                        + " data near bit " + in.position());
            }
            for (int k = 0; k < length; k++) {
                put(history[(int) ((outputLength - distance) & WINDOW_MASK)]);
            }
        }
    }

    private void put(byte b) {
        history[(int) (outputLength++ & WINDOW_MASK)] = b;
        pending[pendingLength++] = b;
        if (pendingLength == pending.length) {
            flush();
        }
    }

    private void flush() {
        if (pendingLength > 0) {
            sink.write(pending, 0, pendingLength);
            pendingLength = 0;
        }
    }

    private static HuffmanTable fixedLiterals() throws ImageFormatException {
        if (fixedLiterals == null) {
            int[] lengths = new int[288]; // RFC 1951 §3.2.6
            for (int i = 0; i < 288; i++) {
                lengths[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
            }
            fixedLiterals = HuffmanTable.of(lengths, 288, "fixed literal/length");
        }
        return fixedLiterals;
    }

    private static HuffmanTable fixedDistances() throws ImageFormatException {
        if (fixedDistances == null) {
            int[] lengths = new int[30];
            java.util.Arrays.fill(lengths, 5);
            fixedDistances = HuffmanTable.of(lengths, 30, "fixed distance");
        }
        return fixedDistances;
    }
}
