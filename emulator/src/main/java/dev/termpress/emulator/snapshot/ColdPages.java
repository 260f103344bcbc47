package dev.termpress.emulator.snapshot;

import dev.termpress.emulator.bus.Ram;
import java.nio.charset.StandardCharsets;

/**
 * The second part of a split boot snapshot (docs/snapshot-format.md): the non-zero RAM pages a resume
 * does not use before the prompt, fetched while the resumed guest already runs. The first part's
 * {@code ram} section (version 2) names these pages and this file's CRC-32, so a cold part of another
 * snapshot, or a damaged one, is refused before a single page is copied.
 */
public final class ColdPages {

    /** The first 8 bytes of a cold part. */
    public static final String MAGIC = "TPCOLD\r\n";
    /** This file's layout: magic, version, count, pages, checksum. */
    public static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
    private static final int CHECKSUM_BYTES = 4;

    private ColdPages() {
    }

    /** The non-zero pages of {@code ram} that {@code hot} leaves out, in ascending order, with a CRC-32. */
    static byte[] encode(Ram ram, boolean[] hot) {
        StateWriter out = new StateWriter();
        out.raw(MAGIC_BYTES, 0, MAGIC_BYTES.length);
        out.i32(FORMAT_VERSION);
        int countAt = out.length();
        out.i32(0);
        int count = 0;
        int pages = (int) (ram.size() >>> Ram.PAGE_SHIFT);
        for (int page = 0; page < pages; page++) {
            if (!hot[page] && !RamPages.isZero(ram, page)) {
                out.i32(page);
                out.words(ram.words(), page * RamPages.WORDS_PER_PAGE, RamPages.WORDS_PER_PAGE);
                count++;
            }
        }
        out.patchI32(countAt, count);
        out.i32(Crc32.of(out.buffer(), 0, out.length()));
        return out.toByteArray();
    }

    /** The CRC-32 a cold part ends with (the first part names it). */
    static int checksumOf(byte[] part) {
        return (part[part.length - 4] & 0xff) | (part[part.length - 3] & 0xff) << 8
                | (part[part.length - 2] & 0xff) << 16 | (part[part.length - 1] & 0xff) << 24;
    }

    /**
     * Copies the pages of {@code part} into {@code ram}, whose restored first part marked them absent; they
     * are usable from then on (and waiting devices look at their queues again). Nothing is copied unless the
     * whole part checks out.
     *
     * @throws SnapshotException naming what does not match: not a cold part, another version, a wrong or
     *     foreign checksum, truncation, or pages other than the absent ones
     */
    public static void apply(Ram ram, byte[] part) throws SnapshotException {
        if (ram.absentPages() == 0) {
            throw new SnapshotException("no RAM pages wait for a snapshot's second part");
        }
        int prefix = MAGIC_BYTES.length + 4;
        if (part.length < prefix + 4 + CHECKSUM_BYTES) {
            throw new SnapshotException("the snapshot's second part is truncated: " + part.length + " bytes");
        }
        for (int i = 0; i < MAGIC_BYTES.length; i++) {
            if (part[i] != MAGIC_BYTES[i]) {
                throw new SnapshotException("not a snapshot's second part: the file does not start with TPCOLD");
            }
        }
        int body = part.length - CHECKSUM_BYTES;
        int stored = checksumOf(part);
        int computed = Crc32.of(part, 0, body);
        if (stored != computed) {
            throw new SnapshotException("the snapshot's second part is damaged or truncated: its CRC-32 is "
                    + Integer.toUnsignedString(computed, 16) + ", the stored one " + Integer.toUnsignedString(stored, 16));
        }
        if (stored != ram.expectedPart()) {
            throw new SnapshotException("the snapshot's second part belongs to another snapshot: its CRC-32 is "
                    + Integer.toUnsignedString(stored, 16) + ", the first part names "
                    + Integer.toUnsignedString(ram.expectedPart(), 16));
        }
        StateReader in = new StateReader(part, MAGIC_BYTES.length, body - MAGIC_BYTES.length, "snapshot's second part");
        int version = in.i32();
        if (version != FORMAT_VERSION) {
            throw new SnapshotException("snapshot second part version " + version + "; this emulator reads " + FORMAT_VERSION);
        }
        int pageBytes = 4 + 4 * RamPages.WORDS_PER_PAGE;
        int count = in.count(in.remaining() / pageBytes, "page count");
        if (count != ram.absentPages() || in.remaining() != count * pageBytes) {
            throw in.damaged(count + " pages for " + ram.absentPages() + " absent ones");
        }
        int start = in.position();
        // Check every index first: a part that does not fit leaves RAM as it was.
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int page = in.i32();
            if (page <= previous || page >= (ram.size() >>> Ram.PAGE_SHIFT) || !ram.isAbsent(page)) {
                throw in.damaged("page " + page + " (after " + previous + ") is not one the first part left out");
            }
            previous = page;
            in.skip(pageBytes - 4);
        }
        in = new StateReader(part, start, body - start, "snapshot's second part");
        int[] pages = new int[count];
        for (int i = 0; i < count; i++) {
            pages[i] = in.i32();
            in.words(ram.words(), pages[i] * RamPages.WORDS_PER_PAGE, RamPages.WORDS_PER_PAGE);
            ram.written(pages[i] << Ram.PAGE_SHIFT, 1 << Ram.PAGE_SHIFT);
        }
        for (int page : pages) {
            ram.arrived(page);
        }
    }
}
