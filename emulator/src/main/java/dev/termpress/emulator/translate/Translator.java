package dev.termpress.emulator.translate;

import dev.termpress.emulator.bus.DecodedCodeListener;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.cpu.Accelerator;
import dev.termpress.emulator.cpu.Cpu;
import dev.termpress.emulator.cpu.TranslationAccess;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
    static final int HOT = Integer.getInteger("termpress.translate.hot", 16);
    private static final int MIN_CHUNK = 4;
    private static final int MAX_CHUNK = Integer.getInteger("termpress.translate.chunk", 32);

    private final TranslationAccess access;
    private final BlockCompiler backEnd;
    private final BlockTable table;
    private final Lockstep lockstep;
    /** One compiler thread for the process: HotSpot's own compiler threads share the cores too. */
    private static final ExecutorService COMPILER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "termpress-translator");
        t.setDaemon(true);
        return t;
    });

    private static final int RECENT = 1 << 12;
    private final BlockEntry[] recent = new BlockEntry[RECENT];
    private final boolean background;
    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    private BlockEntry running;
    private long compiled;
    private long translatedInstructions;
    private long blockRuns;
    private long dropped;

    /** A translator for {@code cpu} with {@code backEnd}; {@code lockstep} checks every block against the interpreter. */
    public Translator(Cpu cpu, BlockCompiler backEnd, boolean lockstep, boolean background) {
        this.background = background;
        this.access = cpu.translationAccess();
        this.backEnd = backEnd;
        this.table = new BlockTable((int) (cpu.ram().size() >>> 12));
        this.lockstep = lockstep ? new Lockstep(access) : null;
        if (lockstep) {
            access.markAllStores(true);
        }
    }

    /** Installs a translator that compiles as soon as a block is hot (tests, lockstep). */
    public static Translator install(Cpu cpu, BlockCompiler backEnd, boolean lockstep) {
        return install(cpu, backEnd, lockstep, false);
    }

    /**
     * Installs a translator on {@code cpu} (and its RAM's write watch); {@code background}: compile
     * on a separate thread while the interpreter keeps going (which blocks run compiled then
     * depends on timing, what they compute does not).
     */
    public static Translator install(Cpu cpu, BlockCompiler backEnd, boolean lockstep, boolean background) {
        Translator t = new Translator(cpu, backEnd, lockstep, background);
        cpu.ram().setCodeListener(t);
        cpu.setAccelerator(t);
        return t;
    }

    @Override
    public void execute(int budget) {
        TranslationAccess a = access;
        if (!finished.isEmpty()) {
            installFinished();
        }
        int left = budget;
        int chunk = MIN_CHUNK;
        BlockEntry chained = null; // the next block when the previous one continued on its page
        while (left > 0) {
            long pc = a.pc();
            BlockEntry e = chained;
            chained = null;
            if (e == null) {
                long offset = a.fetchOffset(pc);
                if (offset >= 0) {
                    // A small direct-mapped cache in front of the table: the table is large and cold.
                    int slot = (int) (offset >>> 1) & (RECENT - 1);
                    e = recent[slot];
                    if (e == null || e.ramOffset != offset) {
                        e = table.getOrCreate(offset);
                        recent[slot] = e;
                    }
                }
            }
            if (e != null) {
                if (e.code == null && !e.failed && !e.queued && ++e.hits >= HOT) {
                    compile(e, pc);
                }
                if (e.code != null && e.size <= left) {
                    int ran = runBlock(e, left);
                    left -= ran;
                    chunk = MIN_CHUNK;
                    if (a.stopRequested() || a.parked()) {
                        return;
                    }
                    long next = a.pc();
                    if (!a.trapped && (next >>> 12) == (pc >>> 12)) {
                        // Same virtual page, no trap: the same translation, so no TLB look-up.
                        if (e.chainPc != next || e.chainEntry == null) {
                            e.chainEntry = table.getOrCreate(e.ramOffset + (next - pc));
                            e.chainPc = next;
                        }
                        chained = e.chainEntry;
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
        a.trapped = false;
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
        blockRuns++;
        return ran;
    }

    /**
     * Decodes the hot block here (the decode cache is this thread's) and compiles it, in the
     * background unless {@link #background} is off. Its bytes count as translated from now on,
     * so a write before the code arrives drops it (the version no longer matches).
     */
    private void compile(BlockEntry e, long pc) {
        Block block = BlockDecoder.decode(access, pc, e.ramOffset);
        if (block == null) {
            e.failed = true;
            return;
        }
        e.block = block;
        e.size = block.size();
        e.start = e.ramOffset;
        e.end = e.ramOffset + block.byteLength();
        table.addCompiled(e);
        if (!background) {
            install(e, block, backEnd.compile(block));
            return;
        }
        e.queued = true;
        int version = e.version;
        COMPILER.execute(() -> {
            CompiledBlock code;
            try {
                code = backEnd.compile(block);
            } catch (RuntimeException | LinkageError ex) {
                code = null;
            }
            finished.add(new Finished(e, version, block, code));
        });
    }

    private void installFinished() {
        Finished f;
        while ((f = finished.poll()) != null) {
            BlockEntry e = f.entry;
            if (e.version == f.version && e.block == f.block) {
                e.queued = false;
                install(e, f.block, f.code);
            }
        }
    }

    private void install(BlockEntry e, Block block, CompiledBlock code) {
        if (code == null) {
            e.failed = true;
            return;
        }
        e.code = code;
        compiled++;
    }

    /** A background compilation's result. */
    private record Finished(BlockEntry entry, int version, Block block, CompiledBlock code) {
    }

    @Override
    public void written(int offset, int length) {
        if (lockstep != null) {
            lockstep.written(offset, length);
        }
        if (!table.covers(offset, length)) {
            return; // data beside code: nothing compiled from these bytes
        }
        List<BlockEntry> list = table.onPage(offset >>> 12);
        long from = offset;
        long to = (long) offset + length;
        for (Iterator<BlockEntry> it = list.iterator(); it.hasNext(); ) {
            BlockEntry e = it.next();
            if (e.start < to && from < e.end) {
                drop(e);
                it.remove();
            }
        }
        table.recover(offset >>> 12);
    }

    @Override
    public void evicted(int page) {
        List<BlockEntry> list = table.onPage(page);
        if (list != null) {
            for (BlockEntry e : list) {
                drop(e);
            }
            list.clear();
            table.recover(page);
        }
    }

    private void drop(BlockEntry e) {
        dropped++;
        e.code = null;
        e.block = null;
        e.hits = 0;
        e.version++;
        e.queued = false;
        e.chainEntry = null;
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

    /** Compiled or queued blocks dropped by writes or evictions. */
    public long droppedBlocks() {
        return dropped;
    }

    /** Times a compiled block was entered. */
    public long blockRuns() {
        return blockRuns;
    }

    /** Blocks compared against the interpreter in lockstep mode (0 when off). */
    public long lockstepChecked() {
        return lockstep == null ? 0 : lockstep.checked();
    }
}
