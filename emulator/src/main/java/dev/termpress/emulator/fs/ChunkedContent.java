package dev.termpress.emulator.fs;

/**
 * The bytes of one upper-layer file, in chunks of {@link #CHUNK_SIZE}: a write touches only the chunks
 * it covers, so appending costs the same at any file size, and a chunk never written (a hole) holds no
 * array and reads as zeros. A chunk's array is a power of two from {@link #MIN_CHUNK} up, doubled as a
 * write reaches past it, so a small file stays small; bytes past a chunk's array read as zeros.
 *
 * <p>The file's size is the inode's business. The invariant that makes holes and truncation simple:
 * every byte held at or past the size is zero, so growing the file shows zeros without clearing.
 * {@link #cost} is what the content takes in host memory (arrays and the chunk table), which the
 * upper layer's limit counts.
 */
final class ChunkedContent {

    static final int CHUNK_SHIFT = 16;
    /** Largest chunk: 64 KiB, so one write or copy never moves more than that per chunk. */
    static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;
    /** Smallest chunk array: a one-line file costs 64 bytes, not 64 KiB. */
    static final int MIN_CHUNK = 64;
    /** What one slot of the chunk table costs: a reference, counted at its uncompressed size. */
    static final int SLOT_COST = 8;
    /** Most chunks a file has: {@link ImageFileSystem#MAX_FILE_SIZE} in whole chunks. */
    static final int MAX_CHUNKS = (int) (ImageFileSystem.MAX_FILE_SIZE >>> CHUNK_SHIFT);

    private static final byte[][] NO_CHUNKS = new byte[0][];

    /** Chunk i holds file bytes from {@code i * CHUNK_SIZE}; null is a hole. */
    private byte[][] chunks = NO_CHUNKS;
    private long cost;

    /** Host bytes the content holds: chunk arrays plus the table. */
    long cost() {
        return cost;
    }

    /** What {@link #write} of {@code length} bytes at {@code offset} would add to {@link #cost}. */
    long growthFor(long offset, int length) {
        if (length <= 0) {
            return 0;
        }
        long end = offset + length;
        int first = (int) (offset >>> CHUNK_SHIFT);
        int last = (int) ((end - 1) >>> CHUNK_SHIFT);
        long growth = (long) (tableLengthFor(last + 1) - chunks.length) * SLOT_COST;
        for (int i = first; i <= last; i++) {
            int needed = (int) Math.min(CHUNK_SIZE, end - ((long) i << CHUNK_SHIFT));
            int held = i < chunks.length && chunks[i] != null ? chunks[i].length : 0;
            if (needed > held) {
                growth += capacityFor(needed) - held;
            }
        }
        return growth;
    }

    /** Stores {@code length} bytes of {@code data} at {@code offset}; the caller has checked the budget. */
    void write(long offset, byte[] data, int dataOffset, int length) {
        if (length <= 0) {
            return;
        }
        long end = offset + length;
        int last = (int) ((end - 1) >>> CHUNK_SHIFT);
        ensureTable(last + 1);
        long position = offset;
        int from = dataOffset;
        while (position < end) {
            int index = (int) (position >>> CHUNK_SHIFT);
            int at = (int) (position & (CHUNK_SIZE - 1));
            int n = (int) Math.min(CHUNK_SIZE - at, end - position);
            byte[] chunk = ensureChunk(index, at + n);
            System.arraycopy(data, from, chunk, at, n);
            position += n;
            from += n;
        }
    }

    /** Copies {@code length} bytes at {@code offset} into {@code into}; holes give zeros. */
    void read(long offset, byte[] into, int intoOffset, int length) {
        long end = offset + length;
        long position = offset;
        int to = intoOffset;
        while (position < end) {
            int index = (int) (position >>> CHUNK_SHIFT);
            int at = (int) (position & (CHUNK_SIZE - 1));
            int n = (int) Math.min(CHUNK_SIZE - at, end - position);
            byte[] chunk = index < chunks.length ? chunks[index] : null;
            int held = chunk == null ? 0 : Math.max(0, Math.min(n, chunk.length - at));
            if (held > 0) {
                System.arraycopy(chunk, at, into, to, held);
            }
            for (int i = held; i < n; i++) {
                into[to + i] = 0;
            }
            position += n;
            to += n;
        }
    }

    /**
     * The array that holds all of {@code [offset, offset + length)} contiguously, to read without a
     * copy, or null (the range crosses chunks, or part of it is a hole). Its index is {@link #offsetInChunk}.
     */
    byte[] arrayHolding(long offset, int length) {
        int index = (int) (offset >>> CHUNK_SHIFT);
        int at = offsetInChunk(offset);
        if (index >= chunks.length || at + length > CHUNK_SIZE) {
            return null;
        }
        byte[] chunk = chunks[index];
        return chunk != null && at + length <= chunk.length ? chunk : null;
    }

    static int offsetInChunk(long offset) {
        return (int) (offset & (CHUNK_SIZE - 1));
    }

    /**
     * The file shrinks from {@code oldSize} to {@code newSize}: chunks wholly past the end are freed,
     * the rest of the last one is zeroed (the invariant) and the table shrinks to fit.
     */
    void shrink(long oldSize, long newSize) {
        if (newSize >= oldSize) {
            return;
        }
        int keep = chunkCount(newSize);
        if (keep > 0 && keep <= chunks.length && chunks[keep - 1] != null) {
            byte[] chunk = chunks[keep - 1];
            int at = offsetInChunk(newSize);
            if (at != 0) {
                int heldEnd = (int) Math.min(chunk.length, oldSize - ((long) (keep - 1) << CHUNK_SHIFT));
                for (int i = at; i < heldEnd; i++) {
                    chunk[i] = 0;
                }
            }
        }
        if (keep < chunks.length) {
            byte[][] kept = keep == 0 ? NO_CHUNKS : new byte[keep][];
            for (int i = 0; i < chunks.length; i++) {
                if (i < keep) {
                    kept[i] = chunks[i];
                } else if (chunks[i] != null) {
                    cost -= chunks[i].length;
                }
            }
            cost -= (long) (chunks.length - keep) * SLOT_COST;
            chunks = kept;
        }
    }

    /** Drops every byte: the file is gone. */
    void release() {
        chunks = NO_CHUNKS;
        cost = 0;
    }

    // ---- for the snapshot codec ----

    int tableLength() {
        return chunks.length;
    }

    /** Chunk {@code index}'s array, or null for a hole. */
    byte[] chunk(int index) {
        return chunks[index];
    }

    /** Rebuilds the table at its saved length; every chunk a hole until {@link #restoreChunk}. */
    void restoreTable(int length) {
        chunks = length == 0 ? NO_CHUNKS : new byte[length][];
        cost = (long) length * SLOT_COST;
    }

    void restoreChunk(int index, byte[] array) {
        if (chunks[index] != null) {
            cost -= chunks[index].length;
        }
        chunks[index] = array;
        cost += array.length;
    }

    /** Whether {@code capacity} is a chunk array length this class would make. */
    static boolean isChunkCapacity(int capacity) {
        return capacity >= MIN_CHUNK && capacity <= CHUNK_SIZE && (capacity & capacity - 1) == 0;
    }

    /** Number of chunks a file of {@code size} bytes spans. */
    static int chunkCount(long size) {
        return (int) ((size + CHUNK_SIZE - 1) >>> CHUNK_SHIFT);
    }

    /** The array length that holds {@code needed} bytes: the next power of two, at least {@link #MIN_CHUNK}. */
    static int capacityFor(int needed) {
        if (needed <= MIN_CHUNK) {
            return MIN_CHUNK;
        }
        int capacity = Integer.highestOneBit(needed - 1) << 1;
        return Math.min(capacity, CHUNK_SIZE);
    }

    // ---- internals ----

    /** The table length once it must have {@code needed} slots: doubled, so adding chunks is amortised O(1). */
    private int tableLengthFor(int needed) {
        if (needed <= chunks.length) {
            return chunks.length;
        }
        return Math.max(needed, Math.min(MAX_CHUNKS, chunks.length * 2));
    }

    private void ensureTable(int needed) {
        int length = tableLengthFor(needed);
        if (length == chunks.length) {
            return;
        }
        byte[][] grown = new byte[length][];
        System.arraycopy(chunks, 0, grown, 0, chunks.length);
        cost += (long) (length - chunks.length) * SLOT_COST;
        chunks = grown;
    }

    private byte[] ensureChunk(int index, int needed) {
        byte[] chunk = chunks[index];
        int held = chunk == null ? 0 : chunk.length;
        if (needed <= held) {
            return chunk;
        }
        byte[] grown = new byte[capacityFor(needed)];
        if (chunk != null) {
            System.arraycopy(chunk, 0, grown, 0, held);
        }
        cost += grown.length - held;
        chunks[index] = grown;
        return grown;
    }
}
