package dev.termpress.emulator.virtio;

/** A device configuration space (§2.5): little-endian fields in a small byte array. */
public final class ConfigSpace {

    private final byte[] bytes;

    /** Creates a zeroed configuration space of {@code size} bytes. */
    public ConfigSpace(int size) {
        this.bytes = new byte[size];
    }

    public int size() {
        return bytes.length;
    }

    /** Stores a field of {@code width} bytes at {@code offset}. */
    public void put(int offset, int width, long value) {
        for (int i = 0; i < width; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    /** Reads {@code width} bytes at {@code offset}; bytes past the end read as zero. */
    public long read(int offset, int width) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            int at = offset + i;
            if (at >= 0 && at < bytes.length) {
                value |= (bytes[at] & 0xffL) << (8 * i);
            }
        }
        return value;
    }
}
