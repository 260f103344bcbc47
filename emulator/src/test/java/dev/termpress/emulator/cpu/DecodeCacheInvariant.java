package dev.termpress.emulator.cpu;

import dev.termpress.emulator.bus.Ram;

/**
 * Checks the decode cache against RAM from outside the interpreter: every cached entry must equal
 * what decoding the bytes now in RAM at its position gives, so no write path left a stale one.
 */
public final class DecodeCacheInvariant {

    private static final int PAGE_BYTES = 1 << Ram.PAGE_SHIFT;
    private static final int LAST_HALFWORD = PAGE_BYTES - 2;

    private DecodeCacheInvariant() {
    }

    /** Describes the first cached entry that disagrees with RAM, or returns null when all agree. */
    public static String firstStaleEntry(Cpu cpu) {
        int[] pages = cpu.ram.decodedPages();
        for (int page = 0; page < pages.length; page++) {
            String stale = firstStaleEntry(cpu, page);
            if (stale != null) {
                return stale;
            }
        }
        return null;
    }

    /** As {@link #firstStaleEntry(Cpu)}, for RAM page {@code page} (offset from RAM's base over 4 KiB). */
    public static String firstStaleEntry(Cpu cpu, int page) {
        int slot = cpu.ram.decodedPages()[page];
        if (slot == 0) {
            return null;
        }
        int[] entries = cpu.decodeCache.entries;
        int[] expected = new int[2];
        for (int offset = 0; offset < PAGE_BYTES; offset += 2) {
            int index = (slot << DecodeCache.SLOT_SHIFT) + offset;
            if (entries[index] == 0) {
                continue;
            }
            int byteOffset = (page << Ram.PAGE_SHIFT) + offset;
            int low = halfword(cpu.mem, byteOffset);
            if ((low & 3) == 3) {
                if (offset == LAST_HALFWORD) {
                    return describe(page, offset, "a page-crossing instruction was cached");
                }
                int insn = low | (halfword(cpu.mem, byteOffset + 2) << 16);
                Decoder.decode(insn, insn, false, expected, 0);
            } else {
                Decoder.decode(Rvc.table()[low], low, true, expected, 0);
            }
            if (entries[index] != expected[0] || entries[index + 1] != expected[1]) {
                return describe(page, offset, String.format("cached %08x/%08x, RAM decodes to %08x/%08x",
                        entries[index], entries[index + 1], expected[0], expected[1]));
            }
        }
        return null;
    }

    private static int halfword(int[] words, int byteOffset) {
        return (words[byteOffset >>> 2] >>> ((byteOffset & 2) << 3)) & 0xffff;
    }

    private static String describe(int page, int offset, String what) {
        return String.format("RAM 0x%x: %s", Ram.BASE + ((long) page << Ram.PAGE_SHIFT) + offset, what);
    }
}
