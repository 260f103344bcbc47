package dev.termpress.emulator.bus;

/**
 * Guest RAM as an {@code int[]} of little-endian words (DESIGN §5: measured fastest on HotSpot and
 * on WebAssembly GC). Addresses here are guest physical; callers check {@link #contains} first,
 * because an out-of-bounds array access traps uncatchably under WebAssembly GC.
 */
public final class Ram {

    /** Where RAM starts in the guest physical address space (QEMU {@code virt}). */
    public static final long BASE = 0x8000_0000L;

    private final int[] words;
    private final long size;

    /** Creates zeroed RAM of {@code sizeBytes}, a positive multiple of 4 KiB below 1 GiB. */
    public Ram(long sizeBytes) {
        if (sizeBytes <= 0 || (sizeBytes & 0xfff) != 0 || sizeBytes >= (1L << 30)) {
            throw new IllegalArgumentException(
                    "RAM size must be a positive multiple of 4 KiB below 1 GiB, got " + sizeBytes);
        }
        this.size = sizeBytes;
        this.words = new int[(int) (sizeBytes >>> 2)];
    }

    public long size() {
        return size;
    }

    /** The backing words; the CPU's fast paths index it directly with {@code (paddr - BASE) >>> 2}. */
    public int[] words() {
        return words;
    }

    /** Whether {@code [paddr, paddr + length)} lies inside RAM. */
    public boolean contains(long paddr, long length) {
        long offset = paddr - BASE;
        return offset >= 0 && length >= 0 && offset <= size - length;
    }

    public int load8(long paddr) {
        int offset = (int) (paddr - BASE);
        return (words[offset >>> 2] >>> ((offset & 3) << 3)) & 0xff;
    }

    public int load16(long paddr) {
        int offset = (int) (paddr - BASE);
        if ((offset & 1) == 0 && (offset & 3) != 3) {
            return (words[offset >>> 2] >>> ((offset & 3) << 3)) & 0xffff;
        }
        return load8(paddr) | (load8(paddr + 1) << 8);
    }

    public int load32(long paddr) {
        int offset = (int) (paddr - BASE);
        if ((offset & 3) == 0) {
            return words[offset >>> 2];
        }
        return load16(paddr) | (load16(paddr + 2) << 16);
    }

    public long load64(long paddr) {
        return (load32(paddr) & 0xffff_ffffL) | ((long) load32(paddr + 4) << 32);
    }

    public void store8(long paddr, int value) {
        int offset = (int) (paddr - BASE);
        int shift = (offset & 3) << 3;
        int index = offset >>> 2;
        words[index] = (words[index] & ~(0xff << shift)) | ((value & 0xff) << shift);
    }

    public void store16(long paddr, int value) {
        int offset = (int) (paddr - BASE);
        if ((offset & 1) == 0) {
            int shift = (offset & 3) << 3;
            int index = offset >>> 2;
            words[index] = (words[index] & ~(0xffff << shift)) | ((value & 0xffff) << shift);
        } else {
            store8(paddr, value);
            store8(paddr + 1, value >>> 8);
        }
    }

    public void store32(long paddr, int value) {
        int offset = (int) (paddr - BASE);
        if ((offset & 3) == 0) {
            words[offset >>> 2] = value;
        } else {
            store16(paddr, value);
            store16(paddr + 2, value >>> 16);
        }
    }

    public void store64(long paddr, long value) {
        store32(paddr, (int) value);
        store32(paddr + 4, (int) (value >>> 32));
    }

    /** Copies guest memory into {@code dest}; the range must be inside RAM. */
    public void read(long paddr, byte[] dest, int destOffset, int length) {
        for (int i = 0; i < length; i++) {
            dest[destOffset + i] = (byte) load8(paddr + i);
        }
    }

    /** Copies {@code src} into guest memory; the range must be inside RAM. */
    public void write(long paddr, byte[] src, int srcOffset, int length) {
        int i = 0;
        // Byte-wise up to the first word boundary, then whole words: loading a kernel is 3 MB.
        while (i < length && ((paddr + i) & 3) != 0) {
            store8(paddr + i, src[srcOffset + i]);
            i++;
        }
        for (; i + 4 <= length; i += 4) {
            int p = srcOffset + i;
            int word = (src[p] & 0xff) | (src[p + 1] & 0xff) << 8 | (src[p + 2] & 0xff) << 16 | src[p + 3] << 24;
            words[(int) (paddr + i - BASE) >>> 2] = word;
        }
        for (; i < length; i++) {
            store8(paddr + i, src[srcOffset + i]);
        }
    }
}
