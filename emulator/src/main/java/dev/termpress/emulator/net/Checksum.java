package dev.termpress.emulator.net;

/** The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit words. */
final class Checksum {

    private Checksum() {
    }

    /** The running sum of {@code length} bytes at {@code offset}, an odd last byte padded with zero. */
    static long add(long sum, byte[] b, int offset, int length) {
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += (b[i] & 0xff) << 8 | b[i + 1] & 0xff;
        }
        if (i < end) {
            sum += (b[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Folds a running sum into the 16-bit checksum field value. */
    static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** The checksum of one range. */
    static int of(byte[] b, int offset, int length) {
        return finish(add(0, b, offset, length));
    }

    /** The TCP/UDP checksum over the IPv4 pseudo-header (RFC 9293 §3.1, RFC 768) and the segment. */
    static int transport(int source, int destination, int protocol, byte[] b, int offset, int length) {
        long sum = (source >>> 16) + (source & 0xffff) + (destination >>> 16) + (destination & 0xffff)
                + protocol + length;
        return finish(add(sum, b, offset, length));
    }
}
