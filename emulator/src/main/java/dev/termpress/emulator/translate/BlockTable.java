package dev.termpress.emulator.translate;

import java.util.ArrayList;
import java.util.List;

/**
 * Block entries by RAM offset (open addressing on a {@code long} key, so a lookup allocates
 * nothing), and the compiled ones by RAM page for invalidation.
 */
final class BlockTable {

    private long[] keys = new long[1 << 14];
    private BlockEntry[] values = new BlockEntry[1 << 14];
    private int used;
    private final List<List<BlockEntry>> byPage;
    /** Per RAM page, a bit per halfword that compiled code was built from (null: none), so a
     * store beside code (data on a code page) is told apart from one into code at a glance. */
    private final long[][] covered;

    BlockTable(int ramPages) {
        covered = new long[ramPages][];
        byPage = new ArrayList<>(ramPages);
        for (int i = 0; i < ramPages; i++) {
            byPage.add(null);
        }
    }

    BlockEntry get(long key) {
        int mask = keys.length - 1;
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            BlockEntry e = values[i];
            if (e == null || keys[i] == key) {
                return e;
            }
        }
    }

    BlockEntry getOrCreate(long key) {
        BlockEntry found = get(key);
        if (found != null) {
            return found;
        }
        if (2 * (used + 1) > keys.length) {
            grow();
        }
        BlockEntry e = new BlockEntry(key);
        insert(key, e);
        used++;
        return e;
    }

    private void insert(long key, BlockEntry e) {
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = e;
    }

    private void grow() {
        long[] oldKeys = keys;
        BlockEntry[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new BlockEntry[oldValues.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h >>> 40);
    }

    /** Records a compiled entry under every page its code touches (one: blocks stay on a page). */
    void addCompiled(BlockEntry e) {
        int page = (int) (e.start >>> 12);
        List<BlockEntry> list = byPage.get(page);
        if (list == null) {
            list = new ArrayList<>();
            byPage.set(page, list);
        }
        list.add(e);
        cover(page, e);
    }

    private void cover(int page, BlockEntry e) {
        long[] bits = covered[page];
        if (bits == null) {
            bits = new long[(4096 / 2) / 64];
            covered[page] = bits;
        }
        for (long b = e.start & 0xfff; b < (e.start & 0xfff) + (e.end - e.start); b += 2) {
            bits[(int) (b >>> 7)] |= 1L << ((b >>> 1) & 63);
        }
    }

    /** Whether any compiled code was built from bytes [offset, offset + length) of RAM (one page). */
    boolean covers(int offset, int length) {
        long[] bits = covered[offset >>> 12];
        if (bits == null) {
            return false;
        }
        // The halfword before: an instruction there may extend into the written bytes.
        int from = Math.max(offset - 2, offset & ~0xfff) & 0xffe;
        int to = (offset & 0xfff) + length;
        for (int b = from; b < to; b += 2) {
            if ((bits[b >>> 7] & (1L << ((b >>> 1) & 63))) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Recomputes a page's coverage after entries were dropped from it. */
    void recover(int page) {
        covered[page] = null;
        List<BlockEntry> list = byPage.get(page);
        if (list != null) {
            for (BlockEntry e : list) {
                cover(page, e);
            }
        }
    }

    /** The compiled entries on RAM page {@code page}, or null. */
    List<BlockEntry> onPage(int page) {
        return page >= 0 && page < byPage.size() ? byPage.get(page) : null;
    }

    /** Number of block starts seen. */
    int size() {
        return used;
    }
}
