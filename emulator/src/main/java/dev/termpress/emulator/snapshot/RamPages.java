package dev.termpress.emulator.snapshot;

import dev.termpress.emulator.bus.Ram;

/**
 * Guest RAM as its non-zero 4 KiB pages, in ascending order: a u32 count, then per page its u32
 * index (from {@link Ram#BASE}) and its 1024 little-endian words. A booted kernel leaves most of RAM
 * zero, and a fresh machine's RAM is all zero, so the zero pages need no bytes at all.
 */
public final class RamPages implements Snapshottable {

    private static final int WORDS_PER_PAGE = (1 << Ram.PAGE_SHIFT) / 4;

    private final Ram ram;

    public RamPages(Ram ram) {
        this.ram = ram;
    }

    @Override
    public String stateName() {
        return "ram";
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    /** How many pages hold a non-zero byte. */
    public int nonZeroPages() {
        int count = 0;
        int pages = pageCount();
        for (int page = 0; page < pages; page++) {
            if (!isZero(page)) {
                count++;
            }
        }
        return count;
    }

    private int pageCount() {
        return (int) (ram.size() >>> Ram.PAGE_SHIFT);
    }

    private boolean isZero(int page) {
        int[] words = ram.words();
        int end = (page + 1) * WORDS_PER_PAGE;
        for (int i = page * WORDS_PER_PAGE; i < end; i++) {
            if (words[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void saveState(StateWriter out) {
        int pages = pageCount();
        out.i32(nonZeroPages());
        int[] words = ram.words();
        for (int page = 0; page < pages; page++) {
            if (!isZero(page)) {
                out.i32(page);
                out.words(words, page * WORDS_PER_PAGE, WORDS_PER_PAGE);
            }
        }
    }

    @Override
    public void restoreState(StateReader in, int version) throws SnapshotException {
        int pages = pageCount();
        int count = in.count(pages, "non-zero page count");
        int[] words = ram.words();
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int page = in.i32();
            if (page <= previous || page >= pages) {
                throw in.damaged("page " + page + " after page " + previous + " in RAM of " + pages + " pages");
            }
            in.words(words, page * WORDS_PER_PAGE, WORDS_PER_PAGE);
            ram.written(page << Ram.PAGE_SHIFT, 1 << Ram.PAGE_SHIFT); // drop decoded code, if any
            previous = page;
        }
    }
}
