package dev.termpress.emulator.snapshot;

import dev.termpress.emulator.bus.Ram;

/**
 * Guest RAM as its non-zero 4 KiB pages, in ascending order: a u32 count, then per page its u32
 * index (from {@link Ram#BASE}) and its 1024 little-endian words. A booted kernel leaves most of RAM
 * zero, and a fresh machine's RAM is all zero, so the zero pages need no bytes at all.
 *
 * <p>Version 2 splits the pages in two parts: this section holds the hot ones (what a resume uses
 * before the prompt) and names the cold ones, whose bytes come in a second file ({@link ColdPages})
 * with the CRC-32 written here. A restore marks the cold pages absent ({@link Ram#markAbsent}) until
 * that file is applied.
 */
public final class RamPages implements Snapshottable {

    static final int WORDS_PER_PAGE = (1 << Ram.PAGE_SHIFT) / 4;

    private final Ram ram;
    /** Per page, whether it goes into this section (hot); null: every non-zero page (version 1). */
    private final boolean[] hot;
    private final int coldChecksum;

    public RamPages(Ram ram) {
        this(ram, null, 0);
    }

    /** Saves only the non-zero pages {@code hot} marks, naming the others and the cold part's CRC-32. */
    RamPages(Ram ram, boolean[] hot, int coldChecksum) {
        this.ram = ram;
        this.hot = hot;
        this.coldChecksum = coldChecksum;
    }

    @Override
    public String stateName() {
        return "ram";
    }

    @Override
    public int stateVersion() {
        return 2;
    }

    @Override
    public int savedVersion() {
        return hot == null ? 1 : 2;
    }

    @Override
    public int minimumStateVersion() {
        return 1;
    }

    /** How many pages hold a non-zero byte. */
    public int nonZeroPages() {
        int count = 0;
        int pages = pageCount();
        for (int page = 0; page < pages; page++) {
            if (!isZero(ram, page)) {
                count++;
            }
        }
        return count;
    }

    private int pageCount() {
        return (int) (ram.size() >>> Ram.PAGE_SHIFT);
    }

    static boolean isZero(Ram ram, int page) {
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
        int[] words = ram.words();
        int countAt = out.length();
        out.i32(0);
        int saved = 0;
        int cold = 0;
        for (int page = 0; page < pages; page++) {
            if (!isZero(ram, page)) {
                if (hot == null || hot[page]) {
                    out.i32(page);
                    out.words(words, page * WORDS_PER_PAGE, WORDS_PER_PAGE);
                    saved++;
                } else {
                    cold++;
                }
            }
        }
        out.patchI32(countAt, saved);
        if (hot != null) {
            out.i32(cold);
            for (int page = 0; page < pages; page++) {
                if (!hot[page] && !isZero(ram, page)) {
                    out.i32(page);
                }
            }
            out.i32(coldChecksum);
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
        if (version < 2) {
            return;
        }
        int cold = in.count(pages - count, "cold page count");
        int[] coldPages = new int[cold];
        previous = -1;
        for (int i = 0; i < cold; i++) {
            int page = in.i32();
            if (page <= previous || page >= pages) {
                throw in.damaged("cold page " + page + " after page " + previous + " in RAM of " + pages + " pages");
            }
            coldPages[i] = page;
            previous = page;
        }
        int checksum = in.i32();
        for (int page : coldPages) {
            ram.markAbsent(page);
        }
        ram.expectPart(checksum);
    }
}
