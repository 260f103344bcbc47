package dev.termpress.emulator.translate;

import dev.termpress.emulator.bus.DecodedCodeListener;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.cpu.Accelerator;
import dev.termpress.emulator.cpu.Cpu;
import dev.termpress.emulator.cpu.TranslationAccess;
import java.util.Iterator;
import java.util.List;

/**
 * Runs a hart with translated blocks where code is hot and the interpreter elsewhere. Block
 * starts are counted by RAM offset, as the decode cache keys its pages; a start that reaches
 * {@link #HOT} hits is decoded by {@link BlockDecoder} and compiled by the back end. A compiled
 * block runs only when the budget covers all of it, so instruction counts, the deterministic
 * clock and interrupt points are the interpreter's. Cold stretches run in interpreter chunks that
 * grow while no compiled block is met.
 *
 * <p>Invalidation follows the decode cache: {@link Ram} reports every write into a page holding
 * decoded code and every page that loses its decode slot; compiled blocks overlapping it are
 * dropped. Blocks are keyed by physical address, so satp writes and sfence.vma need nothing.
 */
public final class Translator implements Accelerator, DecodedCodeListener {

    /** Hits before a block start is compiled. */
    static final int HOT = 16;
    private static final int MIN_CHUNK = 4;
    private static final int MAX_CHUNK = 32;

    private final TranslationAccess access;
    private final BlockCompiler backEnd;
    private final BlockTable table;
    private final Lockstep lockstep;
    private BlockEntry running;
    private long compiled;
    private long translatedInstructions;

    /** A translator for {@code cpu} with {@code backEnd}; {@code lockstep} checks every block against the interpreter. */
    public Translator(Cpu cpu, BlockCompiler backEnd, boolean lockstep) {
        this.access = cpu.translationAccess();
        this.backEnd = backEnd;
        this.table = new BlockTable((int) (cpu.ram().size() >>> 12));
        this.lockstep = lockstep ? new Lockstep(access) : null;
        if (lockstep) {
            access.markAllStores(true);
        }
    }

    /** Installs a translator on {@code cpu} (and its RAM's write watch). */
    public static Translator install(Cpu cpu, BlockCompiler backEnd, boolean lockstep) {
        Translator t = new Translator(cpu, backEnd, lockstep);
        cpu.ram().setCodeListener(t);
        cpu.setAccelerator(t);
        return t;
    }

    @Override
    public void execute(int budget) {
        TranslationAccess a = access;
        int left = budget;
        int chunk = MIN_CHUNK;
        while (left > 0) {
            long pc = a.pc();
            long offset = a.fetchOffset(pc);
            if (offset >= 0) {
                BlockEntry e = table.getOrCreate(offset);
                if (e.code == null && !e.failed && ++e.hits >= HOT) {
                    compile(e, pc);
                }
                if (e.code != null && e.size <= left) {
                    int ran = runBlock(e, left);
                    left -= ran;
                    chunk = MIN_CHUNK;
                    if (a.stopRequested() || a.parked()) {
                        return;
                    }
                    continue;
                }
            }
            long before = a.count();
            a.interpret(Math.min(chunk, left));
            left -= (int) (a.count() - before);
            if (chunk < MAX_CHUNK) {
                chunk <<= 1;
            }
            if (a.stopRequested() || a.parked()) {
                return;
            }
        }
    }

    private int runBlock(BlockEntry e, int left) {
        TranslationAccess a = access;
        running = e;
        a.blockInvalidated = false;
        int ran;
        if (lockstep != null) {
            ran = lockstep.run(e.block, e.code, left);
        } else {
            a.entryCount = a.count();
            long next = e.code.run(a, left);
            a.setPc(next);
            ran = a.executed;
            a.setCount(a.entryCount + ran);
        }
        running = null;
        translatedInstructions += ran;
        return ran;
    }

    private void compile(BlockEntry e, long pc) {
        Block block = BlockDecoder.decode(access, pc, e.ramOffset);
        CompiledBlock code = block == null ? null : backEnd.compile(block);
        if (code == null) {
            e.failed = true;
            return;
        }
        e.block = block;
        e.code = code;
        e.size = block.size();
        e.start = e.ramOffset;
        e.end = e.ramOffset + block.byteLength();
        table.addCompiled(e);
        compiled++;
    }

    @Override
    public void written(int offset, int length) {
        if (lockstep != null) {
            lockstep.written(offset, length);
        }
        List<BlockEntry> list = table.onPage(offset >>> 12);
        if (list == null || list.isEmpty()) {
            return;
        }
        long from = offset;
        long to = (long) offset + length;
        for (Iterator<BlockEntry> it = list.iterator(); it.hasNext(); ) {
            BlockEntry e = it.next();
            if (e.start < to && from < e.end) {
                drop(e);
                it.remove();
            }
        }
    }

    @Override
    public void evicted(int page) {
        List<BlockEntry> list = table.onPage(page);
        if (list != null) {
            for (BlockEntry e : list) {
                drop(e);
            }
            list.clear();
        }
    }

    private void drop(BlockEntry e) {
        e.code = null;
        e.block = null;
        e.hits = 0;
        if (e == running) {
            access.blockInvalidated = true;
        }
    }

    /** Blocks compiled so far. */
    public long compiledBlocks() {
        return compiled;
    }

    /** Instructions run by compiled blocks so far. */
    public long translatedInstructions() {
        return translatedInstructions;
    }

    /** Blocks compared against the interpreter in lockstep mode (0 when off). */
    public long lockstepChecked() {
        return lockstep == null ? 0 : lockstep.checked();
    }
}
