package dev.termpress.emulator.cpu;

import dev.termpress.emulator.bus.Ram;
import java.util.Arrays;

/**
 * Decoded instructions per physical page of RAM (DESIGN §2 "Speed"). A slot holds, for each 2-byte
 * position of its page, an entry word and an immediate side by side (one cache line serves both),
 * filled lazily by {@link Decoder} the first time the position runs.
 *
 * <p>Keyed by physical page, so address-space changes (satp writes, sfence.vma) need nothing here:
 * the fetch TLB maps virtual to physical. Invalidation lives in {@link Ram}: it knows each page's
 * slot ({@link Ram#decodedPages()}) and zeroes the entries that any write through it overlaps
 * (loaders, device DMA, the CPU's slow paths). The interpreter's inline stores write RAM's array
 * directly, so store TLB entries onto cached pages carry a mark ({@link Mmu#markCodePage}) that
 * sends those stores to {@link Ram#written} too. Decoded entries are read afresh for every
 * instruction, so a store into the running page takes effect at once and FENCE.I needs no action.
 */
final class DecodeCache {

    /** Cached pages; the kernel's hot code while booting spans a few hundred. */
    static final int SLOTS = 512;
    /** Ints per slot: two per halfword of a 4 KiB page, so a position's index is its byte offset. */
    static final int SLOT_SHIFT = Ram.DECODED_SLOT_SHIFT;
    /**
     * The entry used for a 32-bit instruction whose upper half lies on the next page: it is decoded
     * anew each time it runs, since a write to the next page would not invalidate this one.
     */
    static final int SCRATCH = 0;

    private static final int[] RVC = Rvc.table();

    /**
     * Entry words in {@link Decoder}'s format (0: not decoded yet) at even indexes, each followed by
     * its immediate. Slot 0 is scratch.
     */
    final int[] entries = new int[(SLOTS + 1) << SLOT_SHIFT];

    private final int[] owner = new int[SLOTS + 1];
    private final int[] decodedPages;
    private final int[] mem;
    private final Cpu cpu;
    private final Ram ram;
    private int lastSlot;

    DecodeCache(Cpu cpu, Ram ram) {
        this.cpu = cpu;
        this.ram = ram;
        this.mem = ram.words();
        this.decodedPages = ram.decodedPages();
        Arrays.fill(owner, -1);
        ram.attachDecodedEntries(entries);
    }

    /**
     * Gives RAM page {@code page} (its offset from {@link Ram#BASE} over 4 KiB) an empty slot,
     * evicting the oldest; returns the slot.
     */
    int allocate(int page) {
        int slot = lastSlot == SLOTS ? 1 : lastSlot + 1;
        lastSlot = slot;
        int previous = owner[slot];
        if (previous >= 0 && decodedPages[previous] == slot) {
            decodedPages[previous] = 0;
            ram.evicted(previous);
        }
        Arrays.fill(entries, slot << SLOT_SHIFT, (slot + 1) << SLOT_SHIFT, 0);
        owner[slot] = page;
        decodedPages[page] = slot;
        cpu.mmu.markCodePage(page);
        return slot;
    }

    /**
     * Fetches and decodes the instruction at {@code pc}, which lies at RAM byte offset
     * {@code offset}, into entry {@code index} of the page's slot, or into {@link #SCRATCH} when it
     * crosses into the next page. Returns the entry used, or -1 with a trap pending on the hart.
     */
    int fill(int index, long pc, int offset) {
        int raw = mem[offset >>> 2];
        if ((offset & 2) != 0) {
            raw >>>= 16;
            if ((raw & 3) == 3) {
                if ((offset & 0xfff) == 0xffe) {
                    raw = cpu.mmu.fetchCrossing(pc, raw);
                    if (cpu.trapPending) {
                        return -1;
                    }
                    Decoder.decode(raw, raw, false, entries, SCRATCH);
                    return SCRATCH;
                }
                raw |= mem[(offset >>> 2) + 1] << 16;
            }
        }
        if ((raw & 3) == 3) {
            Decoder.decode(raw, raw, false, entries, index);
        } else {
            raw &= 0xffff;
            Decoder.decode(RVC[raw], raw, true, entries, index);
        }
        return index;
    }
}
