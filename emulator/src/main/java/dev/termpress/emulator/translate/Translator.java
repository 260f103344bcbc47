package dev.termpress.emulator.translate;

import dev.termpress.emulator.bus.DecodedCodeListener;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.cpu.Accelerator;
import dev.termpress.emulator.cpu.Cpu;
import dev.termpress.emulator.cpu.TranslationAccess;
import java.util.Arrays;
import java.util.Queue;

/**
 * Runs a hart with translated units where code is hot and the interpreter elsewhere. The unit of
 * translation is a page's hot code ({@link Block}), so the interpreter runs until control moves
 * to another page (or a sampling chunk ends) and only then does the translator look: a page
 * whose arrivals reach the host's {@code hot} threshold is decoded by {@link BlockDecoder} from the entries seen and
 * compiled by the back end. A unit runs its chains only while the budget covers the next one
 * whole, so instruction counts, the deterministic clock and interrupt points are the
 * interpreter's.
 *
 * <p>Invalidation follows the decode cache: {@link Ram} reports every write into a page holding
 * decoded code and every page that loses its decode slot; a unit built from written bytes is
 * dropped. Units are keyed by physical page, so satp writes and sfence.vma need nothing. Compiled
 * units are shared process-wide by page content ({@link UnitCache}).
 */
public final class Translator implements Accelerator, DecodedCodeListener {

    /** Compilations of one page's content before it is left to the interpreter and its last unit. */
    private static final int MAX_COMPILATIONS = 6;
    /** Single steps towards an entry before the interpreter takes a whole chunk instead. */
    private static final int STEPS = 64;
    private static final int WINDOW = 1024;
    /** A watch counter that never reaches 0 in practice: the interpreter keeps the page. */
    private static final int NEVER = Integer.MIN_VALUE;

    private final TranslationAccess access;
    private final BlockCompiler backEnd;
    private final PageUnit[] pages;
    private final Lockstep lockstep;
    private final int[] mem;
    /** The interpreter's arrival counter per RAM page (production mode; null: it leaves at every page change). */
    private final int[] watch;
    /** Where compilations run in production mode; null: test mode (at once, small thresholds). */
    private final CompileRunner runner;
    /** The host's {@link TranslatorThresholds}, or small ones in test mode (tests, lockstep: check all the code). */
    private final int hot;
    private final int chunk;
    private final int cold;
    private final int minRun;
    private final Queue<Finished> finished;
    private PageUnit running;
    private long compiled;
    private long reused;
    private long translatedInstructions;
    private long blockRuns;
    private long dropped;
    private long interpretedUnmapped;
    private long interpretedBesideUnit;
    private long interpretedCold;
    private long cacheMisses;
    private long demotions;
    private long refused;

    /**
     * A translator for {@code cpu} with {@code backEnd}; {@code lockstep} checks every unit run against
     * the interpreter; {@code runner}: production mode, compilations run there (null: test mode).
     */
    public Translator(Cpu cpu, BlockCompiler backEnd, boolean lockstep, CompileRunner runner) {
        this(cpu, backEnd, lockstep, runner, TranslatorThresholds.JVM);
    }

    /** As above, with the host's {@code thresholds} for production mode. */
    public Translator(Cpu cpu, BlockCompiler backEnd, boolean lockstep, CompileRunner runner,
            TranslatorThresholds thresholds) {
        this.runner = runner;
        boolean production = runner != null;
        this.finished = production ? runner.newResultQueue() : null;
        this.hot = production ? thresholds.hot() : 2;
        this.chunk = production ? thresholds.chunk() : 16;
        this.cold = thresholds.cold();
        this.minRun = thresholds.minRun();
        this.access = cpu.translationAccess();
        this.backEnd = backEnd;
        this.mem = access.mem;
        this.pages = new PageUnit[(int) (cpu.ram().size() >>> 12)];
        this.lockstep = lockstep ? new Lockstep(access) : null;
        if (lockstep) {
            access.markAllStores(true);
        }
        if (production && !lockstep) {
            watch = new int[pages.length];
            Arrays.fill(watch, -cold);
            access.watchPages(watch);
        } else {
            watch = null;
            access.leaveOnPageChange(true);
        }
    }

    /** Installs a translator that compiles as soon as a page is hot (tests, lockstep). */
    public static Translator install(Cpu cpu, BlockCompiler backEnd, boolean lockstep) {
        return install(cpu, backEnd, lockstep, (CompileRunner) null);
    }

    /**
     * Installs a translator on {@code cpu}; {@code background}: production mode with the process's
     * {@link CompilerThread} (the interpreter keeps going while a page compiles: which code runs
     * compiled then depends on timing, what it computes does not), else test mode. JVM only.
     */
    public static Translator install(Cpu cpu, BlockCompiler backEnd, boolean lockstep, boolean background) {
        return install(cpu, backEnd, lockstep, background ? CompilerThread.INSTANCE : null);
    }

    /**
     * Installs a translator on {@code cpu} (and its RAM's write watch); {@code runner}: production
     * mode (production thresholds, the interpreter counting arrivals by itself), compiling there;
     * null: test mode.
     */
    public static Translator install(Cpu cpu, BlockCompiler backEnd, boolean lockstep, CompileRunner runner) {
        return install(cpu, backEnd, lockstep, runner, TranslatorThresholds.JVM);
    }

    /** As above, with the host's {@code thresholds} for production mode. */
    public static Translator install(Cpu cpu, BlockCompiler backEnd, boolean lockstep, CompileRunner runner,
            TranslatorThresholds thresholds) {
        Translator t = new Translator(cpu, backEnd, lockstep, runner, thresholds);
        cpu.ram().setCodeListener(t);
        cpu.setAccelerator(t);
        return t;
    }

    @Override
    public void execute(int budget) {
        TranslationAccess a = access;
        if (finished != null && !finished.isEmpty()) {
            installFinished();
        }
        int left = budget;
        while (left > 0) {
            long pc = a.pc();
            long offset = a.fetchOffset(pc);
            if (offset >= 0) {
                int ramPage = (int) (offset >>> 12);
                PageUnit p = pages[ramPage];
                if (p == null) {
                    p = new PageUnit(ramPage);
                    pages[ramPage] = p;
                }
                if (watch != null) {
                    watch[ramPage] = p.demoted || p.compilations >= MAX_COMPILATIONS && !p.queued && p.code == null ? NEVER : 0;
                }
                int inPage = (int) pc & 0xfff;
                if (p.demoted) {
                    // Left to the interpreter: no look-up, no arrivals counted.
                } else if (!p.enters(inPage)) {
                    p.arrived(inPage);
                    if (p.hits >= hot && !p.queued && p.compilations < MAX_COMPILATIONS) {
                        compile(p, pc, offset);
                    }
                }
                if (p.enters(inPage)) {
                    int ran = runUnit(p, pc, left);
                    if (ran > 0) {
                        left -= ran;
                        if (a.stopRequested() || a.parked()) {
                            return;
                        }
                        continue;
                    }
                    // The budget does not cover the entry's first chain: the interpreter goes on.
                } else if (p.code != null) {
                    // Off the unit's entries on a page that has one (an interrupt's return, an
                    // indirect jump): step to the next entry rather than interpreting the whole stay.
                    int stepped = stepToEntry(p, pc >>> 12, left);
                    left -= stepped;
                    interpretedBesideUnit += stepped;
                    p.windowBeside += stepped;
                    if (a.stopRequested() || a.parked()) {
                        return;
                    }
                    if (stepped > 0) {
                        continue;
                    }
                }
            }
            long before = a.count();
            a.interpret(Math.min(left, chunk));
            int interpreted = (int) (a.count() - before);
            left -= interpreted;
            if (offset < 0) {
                interpretedUnmapped += interpreted;
            } else if (pages[(int) (offset >>> 12)].code != null) {
                interpretedBesideUnit += interpreted;
            } else {
                interpretedCold += interpreted;
            }
            if (a.stopRequested() || a.parked()) {
                return;
            }
        }
    }

    /**
     * Interprets one instruction at a time, up to {@link #STEPS}, until control reaches an entry of
     * {@code p}'s unit or leaves virtual page {@code vpn}; returns the instructions run.
     */
    private int stepToEntry(PageUnit p, long vpn, int left) {
        TranslationAccess a = access;
        long start = a.count();
        for (int i = 0; i < STEPS && a.count() - start < left; i++) {
            a.interpret(1);
            if (a.stopRequested() || a.parked()) {
                break;
            }
            long pc = a.pc();
            if ((pc >>> 12) != vpn || p.enters((int) pc & 0xfff)) {
                break;
            }
        }
        return (int) (a.count() - start);
    }

    private int runUnit(PageUnit p, long pc, int left) {
        TranslationAccess a = access;
        running = p;
        a.blockInvalidated = false;
        a.trapped = false;
        int ran;
        if (lockstep != null) {
            ran = lockstep.run(p.block, p.code, left, pc);
        } else {
            a.entryCount = a.count();
            long next = p.code.run(a, left, pc);
            a.setPc(next);
            ran = a.executed;
            a.setCount(a.entryCount + ran);
        }
        running = null;
        translatedInstructions += ran;
        blockRuns++;
        if (watch != null && p.code != null) {
            p.windowTranslated += ran;
            if (++p.windowRuns == WINDOW) {
                review(p);
            }
        }
        return ran;
    }

    /**
     * At the end of a window of {@link #WINDOW} runs: a unit that ran fewer than the host's {@code minRun}
     * instructions per entry, or fewer than the interpreter had to step beside it, is dropped and
     * its page left to the interpreter (until its code is written).
     */
    private void review(PageUnit p) {
        if (p.windowTranslated < (long) minRun * WINDOW || p.windowTranslated < p.windowBeside) {
            demotions++;
            p.demoted = true;
            release(p);
            p.block = null;
            // A recompilation still on the runner would reinstate a unit here: void it.
            p.version++;
            p.queued = false;
            watch[p.page] = NEVER;
        }
        p.windowRuns = 0;
        p.windowTranslated = 0;
        p.windowBeside = 0;
    }

    /**
     * Decodes the hot page here (the decode cache is this thread's) from the entries seen and the
     * current unit's, and compiles it, on the {@link #runner} in production mode (at once in test mode), or
     * takes the unit another machine compiled from the same bytes. Its bytes count as translated
     * from now on, so a write before the code arrives drops it (the version no longer matches).
     */
    private void compile(PageUnit p, long pc, long ramOffset) {
        p.hits = 0;
        p.compilations++;
        long[] wanted = p.seen.clone();
        if (p.block != null) {
            or(wanted, p.block.entries());
        }
        int[] words = backEnd.shareable() ? Arrays.copyOfRange(mem, p.page << 10, (p.page + 1) << 10) : null;
        if (words != null) {
            UnitCache.Cached cached = UnitCache.get(words);
            // Taken even when it lacks some entries seen here: arrivals off its entries step to the
            // next one, and only if they keep coming is the page compiled again with them.
            if (cached != null && (p.block == null || !containsAll(p.block.entries(), cached.block().entries())
                    || containsAll(cached.block().entries(), wanted))) {
                access.decoded(pc, (int) ramOffset); // the page needs its decode slot: stores into it are reported then
                p.cover(cached.block());
                install(p, cached.block(), cached.code());
                reused++;
                return;
            }
            if (cached != null) {
                or(wanted, cached.block().entries());
            }
            cacheMisses++;
        }
        Block block = BlockDecoder.decode(access, pc, ramOffset, wanted, p.limit);
        if (block == null) {
            return;
        }
        long[] before = p.covered;
        p.cover(block);
        if (before != null) {
            or(p.covered, before); // the current unit keeps running until the new one is installed
        }
        if (runner == null) {
            CompiledBlock code = backEnd.compile(block);
            finish(p, block, code, words);
            return;
        }
        p.queued = true;
        int version = p.version;
        runner.execute(() -> {
            if (p.version != version) {
                return; // written, dropped or demoted while it waited: it would not be installed
            }
            CompiledBlock code;
            try {
                code = backEnd.compile(block);
            } catch (RuntimeException | LinkageError ex) {
                code = null;
            }
            finished.add(new Finished(p, version, block, code, words));
        });
        if (runner instanceof InlineCompileRunner) {
            installFinished(); // compiled already: run it from this arrival on
        }
    }

    private void finish(PageUnit p, Block block, CompiledBlock code, int[] words) {
        if (code == null) {
            refused++;
            p.limit /= 2; // too big for HotSpot, or the back end cannot: smaller next time
            if (p.limit < 8) {
                p.compilations = MAX_COMPILATIONS;
            }
            return;
        }
        if (words != null) {
            UnitCache.put(words, block, code);
        }
        install(p, block, code);
        compiled++;
    }

    /**
     * Installs the compilations that came back, unless their page was written meanwhile; a unit the
     * back end is still readying ({@link CompiledBlock#ready}, an asynchronous compile) waits in the
     * queue while the interpreter runs its page.
     */
    private void installFinished() {
        for (int n = finished.size(); n > 0; n--) {
            Finished f = finished.poll();
            if (f == null) {
                return;
            }
            PageUnit p = f.page;
            if (p.version != f.version) {
                continue;
            }
            if (f.code != null && !f.code.ready()) {
                finished.add(f);
                continue;
            }
            p.queued = false;
            finish(p, f.block, f.code, f.words);
        }
    }

    private void install(PageUnit p, Block block, CompiledBlock code) {
        release(p);
        p.block = block;
        p.enterAt(block, backEnd.entersAnyInstruction());
        p.code = code;
        backEnd.installed(code, p.page);
    }

    /** Takes {@code p}'s unit away (if it has one), telling the back end. */
    private void release(PageUnit p) {
        CompiledBlock code = p.code;
        if (code != null) {
            p.code = null;
            backEnd.released(code, p.page);
        }
    }

    private static void or(long[] into, long[] bits) {
        for (int i = 0; i < into.length; i++) {
            into[i] |= bits[i];
        }
    }

    private static boolean containsAll(long[] have, long[] want) {
        for (int i = 0; i < have.length; i++) {
            if ((want[i] & ~have[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** A production-mode compilation's result. */
    private record Finished(PageUnit page, int version, Block block, CompiledBlock code, int[] words) {
    }

    @Override
    public void written(int offset, int length) {
        if (lockstep != null) {
            lockstep.written(offset, length);
        }
        PageUnit p = pages[offset >>> 12];
        if (p != null && p.covers(offset & 0xfff, length)) {
            drop(p);
        }
    }

    @Override
    public void evicted(int page) {
        PageUnit p = pages[page];
        if (p != null && p.covered != null) {
            drop(p);
        }
    }

    private void drop(PageUnit p) {
        dropped++;
        release(p);
        p.block = null;
        p.covered = null;
        p.hits = 0;
        p.version++;
        p.queued = false;
        p.compilations = 0;
        p.limit = BlockDecoder.MAX_INSNS;
        p.demoted = false;
        p.windowRuns = 0;
        p.windowTranslated = 0;
        p.windowBeside = 0;
        if (watch != null) {
            watch[p.page] = -cold;
        }
        Arrays.fill(p.seen, 0);
        if (p == running) {
            access.blockInvalidated = true;
        }
    }

    /** Units compiled so far (not counting those taken from the process-wide cache). */
    public long compiledBlocks() {
        return compiled;
    }

    /** Units taken from the process-wide cache, compiled for another machine or an earlier visit. */
    public long reusedBlocks() {
        return reused;
    }

    /** Instructions run by compiled units so far. */
    public long translatedInstructions() {
        return translatedInstructions;
    }

    /** Compiled or queued units dropped by writes or evictions. */
    public long droppedBlocks() {
        return dropped;
    }

    /**
     * Where the interpreter ran, for diagnosis: {fetch TLB missed at the look, page has a unit but
     * the pc is no entry, page has no unit, process-wide cache misses, pages given up, units left
     * to the interpreter for running too little per entry, compilations the back end refused}.
     */
    public long[] diagnostics() {
        long givenUp = 0;
        for (PageUnit p : pages) {
            if (p != null && p.compilations >= MAX_COMPILATIONS) {
                givenUp++;
            }
        }
        return new long[] {interpretedUnmapped, interpretedBesideUnit, interpretedCold, cacheMisses, givenUp, demotions, refused};
    }

    /** Times a compiled unit was entered. */
    public long blockRuns() {
        return blockRuns;
    }

    /** Unit runs compared against the interpreter in lockstep mode (0 when off). */
    public long lockstepChecked() {
        return lockstep == null ? 0 : lockstep.checked();
    }
}
