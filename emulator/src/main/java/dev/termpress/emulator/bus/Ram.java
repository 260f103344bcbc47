package dev.termpress.emulator.bus;

/**
 * Guest RAM as an {@code int[]} of little-endian words (DESIGN §5: measured fastest on HotSpot and
 * on WebAssembly GC). Addresses here are guest physical; callers check {@link #contains} first,
 * because an out-of-bounds array access traps uncatchably under WebAssembly GC.
 */
public final class Ram {

    /** Where RAM starts in the guest physical address space (QEMU {@code virt}). */
    public static final long BASE = 0x8000_0000L;

    /** Page size for {@link #decodedPages()} (privileged spec §4.3: 4 KiB pages). */
    public static final int PAGE_SHIFT = 12;
    /**
     * Ints per decode-cache slot, as a shift: two per 2-byte instruction position, the entry at the
     * position's byte offset in the page and its immediate after it.
     */
    public static final int DECODED_SLOT_SHIFT = PAGE_SHIFT;

    private final int[] words;
    private final long size;
    /**
     * Per 4 KiB page of RAM: the CPU's decode-cache slot holding instructions decoded from it, or 0.
     * Slot {@code s} owns {@code decodedEntries[s << DECODED_SLOT_SHIFT ...]}, an entry (0: not
     * decoded) and an immediate per halfword of the page. Every write through this class zeroes the
     * entries whose instruction overlaps the written bytes: that is how loaders, devices (DMA) and
     * the CPU's slow paths invalidate decoded code, without the hot loop checking anything.
     */
    private final int[] decodedPages;
    private int[] decodedEntries = new int[0];
    /** Null unless a translator watches code pages. */
    private DecodedCodeListener codeListener;
    /**
     * Null while every page is here (the usual case, which then costs nothing); else per page whether its
     * bytes are still to arrive (a boot snapshot resumed before its cold part: {@link #markAbsent}).
     */
    private boolean[] absent;
    private int absentCount;
    private int expectedPart;
    /** Null unless {@link #recordTouches} is on: per page, whether the CPU or a device used it. */
    private boolean[] touched;
    /** Told once the last absent page has arrived (null: nobody waits). */
    private Runnable arrivalListener;

    /** Creates zeroed RAM of {@code sizeBytes}, a positive multiple of 4 KiB below 1 GiB. */
    public Ram(long sizeBytes) {
        if (sizeBytes <= 0 || (sizeBytes & 0xfff) != 0 || sizeBytes >= (1L << 30)) {
            throw new IllegalArgumentException(
                    "RAM size must be a positive multiple of 4 KiB below 1 GiB, got " + sizeBytes);
        }
        this.size = sizeBytes;
        this.words = new int[(int) (sizeBytes >>> 2)];
        this.decodedPages = new int[(int) (sizeBytes >>> PAGE_SHIFT)];
    }

    public long size() {
        return size;
    }

    /** The backing words; the CPU's fast paths index it directly with {@code (paddr - BASE) >>> 2}. */
    public int[] words() {
        return words;
    }

    /**
     * The decode-cache slot of every RAM page (index: offset from {@link #BASE} shifted right by
     * {@link #PAGE_SHIFT}), 0 where none; the CPU sets entries when it caches a page.
     */
    public int[] decodedPages() {
        return decodedPages;
    }

    /** Tells RAM where the CPU keeps decoded entries, so writes can drop the ones they overwrite. */
    public void attachDecodedEntries(int[] entries) {
        this.decodedEntries = entries;
    }

    /** Installs (or with null removes) the listener told about writes into code pages. */
    public void setCodeListener(DecodedCodeListener listener) {
        this.codeListener = listener;
    }

    /** The decode cache gave RAM page {@code page}'s slot to another page. */
    public void evicted(int page) {
        if (codeListener != null) {
            codeListener.evicted(page);
        }
    }

    /**
     * Drops decoded instructions overlapping {@code length} bytes written at RAM offset
     * {@code offset} (within one page); the CPU calls it when it writes {@link #words()} directly.
     * An entry covers up to 4 bytes from its halfword, so the one before the write is dropped too;
     * a 32-bit instruction crossing a page is never cached.
     */
    public void written(int offset, int length) {
        if (codeListener != null) {
            codeListener.written(offset, length);
        }
        int slot = decodedPages[offset >>> PAGE_SHIFT];
        if (slot != 0) {
            int page = offset & ~((1 << PAGE_SHIFT) - 1);
            int base = (slot << DECODED_SLOT_SHIFT) - page;
            int end = offset + length;
            for (int b = Math.max(offset - 2, page) & ~1; b < end; b += 2) {
                if (decodedEntries[base + b] != 0) { // data beside code is common: read, don't dirty
                    decodedEntries[base + b] = 0;
                }
            }
        }
    }

    // ---- presence: pages whose bytes have not arrived yet ----

    /**
     * Marks RAM page {@code page} (offset from {@link #BASE} over 4 KiB) absent: its bytes are still being
     * fetched. Until {@link #arrived}, the CPU stops before any instruction that would use it (the check is
     * on the TLB-fill path, so an absent page never gets a TLB entry) and devices leave requests that touch
     * it in their queues.
     */
    public void markAbsent(int page) {
        if (absent == null) {
            absent = new boolean[decodedPages.length];
        }
        if (!absent[page]) {
            absent[page] = true;
            absentCount++;
        }
    }

    /** Page {@code page}'s bytes are in {@link #words()} now. */
    public void arrived(int page) {
        if (absent == null || !absent[page]) {
            return;
        }
        absent[page] = false;
        if (--absentCount == 0) {
            absent = null;
            if (arrivalListener != null) {
                arrivalListener.run();
            }
        }
    }

    /** Whether page {@code page}'s bytes are still to arrive. */
    public boolean isAbsent(int page) {
        boolean[] missing = absent;
        return missing != null && missing[page];
    }

    /** The checksum of the part that brings the absent pages (a split boot snapshot's first part names it). */
    public void expectPart(int checksum) {
        this.expectedPart = checksum;
    }

    /** What {@link #expectPart} said. */
    public int expectedPart() {
        return expectedPart;
    }

    /** How many pages are still to arrive. */
    public int absentPages() {
        return absentCount;
    }

    /** Runs {@code listener} when the last absent page arrives (devices then look at their queues again). */
    public void setArrivalListener(Runnable listener) {
        this.arrivalListener = listener;
    }

    /**
     * Whether RAM page {@code page} may be used: it is here (and, while touches are recorded, notes the use).
     * The CPU's TLB fill and page walk ask this; devices ask {@link #present}.
     */
    public boolean usable(int page) {
        if (touched != null) {
            touched[page] = true;
        }
        boolean[] missing = absent;
        return missing == null || !missing[page];
    }

    /**
     * Whether every page of {@code [paddr, paddr + length)} (inside RAM, see {@link #contains}) is here;
     * a device asks before it acts on guest memory, so a request over an absent page waits with no effect.
     */
    public boolean present(long paddr, long length) {
        if (absent == null && touched == null) {
            return true;
        }
        if (length <= 0) {
            return true;
        }
        int first = (int) ((paddr - BASE) >>> PAGE_SHIFT);
        int last = (int) ((paddr - BASE + length - 1) >>> PAGE_SHIFT);
        boolean here = true;
        for (int page = first; page <= last; page++) {
            here &= usable(page);
        }
        return here;
    }

    /** Starts noting which pages the CPU and devices use (a build records a boot snapshot's hot pages). */
    public void recordTouches() {
        touched = new boolean[decodedPages.length];
    }

    /** The pages used since {@link #recordTouches}, ascending; stops recording. */
    public int[] touchedPages() {
        boolean[] used = touched;
        touched = null;
        if (used == null) {
            return new int[0];
        }
        int count = 0;
        for (boolean u : used) {
            count += u ? 1 : 0;
        }
        int[] pages = new int[count];
        int n = 0;
        for (int page = 0; page < used.length; page++) {
            if (used[page]) {
                pages[n++] = page;
            }
        }
        return pages;
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
        written(offset, 1);
        int shift = (offset & 3) << 3;
        int index = offset >>> 2;
        words[index] = (words[index] & ~(0xff << shift)) | ((value & 0xff) << shift);
    }

    public void store16(long paddr, int value) {
        int offset = (int) (paddr - BASE);
        if ((offset & 1) == 0) {
            written(offset, 2);
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
            written(offset, 4);
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
            written((int) (paddr + i - BASE), 4);
            int word = (src[p] & 0xff) | (src[p + 1] & 0xff) << 8 | (src[p + 2] & 0xff) << 16 | src[p + 3] << 24;
            words[(int) (paddr + i - BASE) >>> 2] = word;
        }
        for (; i < length; i++) {
            store8(paddr + i, src[srcOffset + i]);
        }
    }
}
