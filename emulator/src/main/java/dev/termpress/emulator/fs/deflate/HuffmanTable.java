package dev.termpress.emulator.fs.deflate;

import dev.termpress.emulator.fs.ImageFormatException;

/**
 * A canonical Huffman code (RFC 1951 §3.2.2) as one lookup table indexed by the next {@code maxLength}
 * input bits: each entry holds the symbol and its code length, so a symbol costs one peek and one skip.
 */
final class HuffmanTable {

    static final int MAX_CODE_LENGTH = 15; // RFC 1951 §3.2.2

    private final int[] table; // symbol << 4 | length; 0 where no code starts with these bits
    private final int maxLength;

    private HuffmanTable(int[] table, int maxLength) {
        this.table = table;
        this.maxLength = maxLength;
    }

    /**
     * The code whose symbol {@code i} has length {@code lengths[i]} (0: unused). Incomplete codes are
     * allowed (RFC 1951 permits one distance code of one bit); over-subscribed ones are not.
     */
    static HuffmanTable of(int[] lengths, int count, String what) throws ImageFormatException {
        int[] perLength = new int[MAX_CODE_LENGTH + 1];
        int maxLength = 0;
        for (int i = 0; i < count; i++) {
            perLength[lengths[i]]++;
            maxLength = Math.max(maxLength, lengths[i]);
        }
        perLength[0] = 0;
        int[] nextCode = new int[MAX_CODE_LENGTH + 2];
        int code = 0;
        for (int length = 1; length <= MAX_CODE_LENGTH; length++) {
            code = (code + perLength[length - 1]) << 1;
            nextCode[length] = code;
            if (code + perLength[length] > 1 << length) {
                throw new ImageFormatException(what + " code lengths are over-subscribed");
            }
        }
        int bits = Math.max(maxLength, 1);
        int[] table = new int[1 << bits];
        for (int symbol = 0; symbol < count; symbol++) {
            int length = lengths[symbol];
            if (length == 0) {
                continue;
            }
            int reversed = Integer.reverse(nextCode[length]++) >>> (32 - length);
            // Every index whose low `length` bits are this code decodes to the symbol.
            for (int i = reversed; i < table.length; i += 1 << length) {
                table[i] = symbol << 4 | length;
            }
        }
        return new HuffmanTable(table, bits);
    }

    /** Reads one symbol. */
    int decode(BitInput in) throws ImageFormatException {
        int entry = table[in.peek(maxLength)];
        int length = entry & 0xf;
        if (length == 0 || length > in.available()) {
            throw new ImageFormatException(in.name() + ": invalid Huffman code at bit " + in.position());
        }
        in.skip(length);
        return entry >>> 4;
    }
}
