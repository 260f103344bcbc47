package dev.termpress.runtime.worker;

import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.OnDemandLayerSource;
import dev.termpress.emulator.host.WallClock;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.SnapshotIdentity;
import dev.termpress.runtime.boot.BlockOptions;
import dev.termpress.runtime.boot.ImageDescriptor;
import dev.termpress.runtime.jit.WasmTranslation;
import dev.termpress.runtime.js.JsErrors;
import dev.termpress.runtime.js.JsJson;
import dev.termpress.runtime.js.Marks;
import dev.termpress.runtime.js.WorkerScope;
import dev.termpress.runtime.net.BrowserFetcher;
import dev.termpress.runtime.net.FetchBackend;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The worker's entry point: one terminal's machine. The page posts {@code start} (image descriptor and
 * kernel URLs, block options, terminal size), or first {@code prewarm} (the image alone, when the block scrolls
 * into view: the machine is built and resumed, or its kernel fetched, and waits; {@code start} then brings only
 * the block's settings and page files, see {@link Session#configure}), then {@code input}, {@code resize}, {@code shown} (an
 * output was drawn: the guest waits while too many are not), {@code save} (the page is being hidden: post the reader's
 * files now) and {@code stop}; the worker answers with {@code status}, {@code output}, {@code error}, {@code exit},
 * and for a block with {@code persist}, {@code restored} and {@code savedWork} (the page script documents the fields).
 * The start or prewarm message of such a block brings the reader's saved work, which goes back into the machine
 * as it resumes ({@link SavedWorkResume}); {@link WorkKeeper} saves it again as the guest changes files.
 */
public final class WorkerMain {

    private static final int SEED_BYTES = 32;
    /**
     * Quiet kernel on hvc0 only: the reader sees the shell, not the boot log (the SBI early console would
     * also print it with bare line feeds); warnings and errors still show.
     */
    private static final String BOOTARGS = "console=hvc0 quiet";

    private static Session session;
    private static ImageLoader loader;
    /** The page's files for this block, fetched while the image loads (PageFiles). */
    private static PageFiles pageFiles;
    /** The machine built while its kernel or snapshot downloads; null once started (or not built yet). */
    private static Session prepared;
    /** The raw kernel Image's sha256 the page says its runtime boots (a snapshot's identity), or null. */
    private static String kernelSha256;
    /**
     * Guest RAM allocated right after the start message (100 ms and more for 128 MiB), while the descriptor,
     * indexes and snapshot download; the first {@link #prepare} takes it.
     */
    private static Ram earlyRam;
    private static BrowserHost host;
    private static OnDemandLayerSource layers;
    private static int layerCount;
    private static boolean started;
    /** A {@code prewarm} message came first: the image loads before the block's settings are known. */
    private static boolean prewarming;
    /** The block's settings, from the start message; null while prewarming. */
    private static BlockOptions block;
    /** Resumed by a prewarm and waiting for the start message's settings, or null. */
    private static Session resumed;
    /** A prewarm's throwaway run to the shell's prompt (before {@link #resumed} is made), or null. */
    private static Rehearsal rehearsal;
    /** What a prewarm loaded for a cold boot, run when the start message comes; null otherwise. */
    private static Runnable parkedBoot;
    private static String descriptorUrl;
    private static boolean stopped;
    /** The sha256 of the boot snapshot the machine resumed from (saved work's base), or null. */
    private static String resumedFrom;
    /** The machine resumed with the reader's saved files (the page's files are then theirs, not installed again). */
    private static boolean restoredWork;
    private static final List<byte[]> earlyInput = new ArrayList<>();
    private static int cols;
    private static int rows;
    /** The block keeps the reader's files (data-persist): from the first start or prewarm message. */
    private static boolean persist;
    /** The reader's saved work (SavedWork bytes) the page read for this block, or null; used once. */
    private static byte[] savedWork;
    /** The block's guest reaches the outside through fetch (data-network): from the start message. */
    private static boolean network;
    /** Saves the reader's files of a persist block once its machine runs from a snapshot; else null. */
    private static WorkKeeper keeper;

    private WorkerMain() {
    }

    public static void main(String[] args) {
        String cpu = WasmTranslation.installFromBootstrap(); // off unless the page asked (docs/site/content/machine.md)
        if (cpu.startsWith("interpreter (")) {
            JsErrors.warn("termpress: the translator is off: " + cpu);
        }
        WorkerScope.onMessage(WorkerMain::receive);
    }

    private static void receive(JSObject message) {
        try {
            String type = JsJson.string(message, "type");
            if ("start".equals(type)) {
                start(message);
            } else if ("prewarm".equals(type)) {
                prewarm(message);
            } else if ("input".equals(type)) {
                Int8Array data = JsJson.bytes(message, "data");
                if (data != null) {
                    input(data.copyToJavaArray());
                }
            } else if ("resize".equals(type)) {
                resize((int) JsJson.number(message, "cols"), (int) JsJson.number(message, "rows"));
            } else if ("shown".equals(type)) {
                if (session != null) {
                    session.outputShown();
                }
            } else if ("save".equals(type)) {
                if (keeper != null) {
                    keeper.saveNow();
                }
            } else if ("stop".equals(type)) {
                stop();
            } else if ("stats".equals(type)) {
                if (session != null) {
                    postStats();
                }
            } else {
                WorkerScope.postError("the worker got a message of unknown type " + type);
            }
        } catch (Throwable e) {
            fail(e);
        }
    }

    /**
     * Loads the image before the block's settings are known: the descriptor, the layer indexes and the boot
     * snapshot (resumed at once) or the kernel (kept for the start message). Only {@code upperLimit}, an image
     * setting, shapes the machine now.
     */
    private static void prewarm(JSObject message) {
        if (started || prewarming) {
            WorkerScope.postError("this worker already has a machine; prewarm comes first and once");
            return;
        }
        prewarming = true;
        Marks.mark("prewarmMessage");
        long upperLimit = (long) JsJson.number(message, "upperLimit");
        readSavedWork(message);
        load(message, new BlockOptions(null, null, null, List.of(), upperLimit));
    }

    private static void start(JSObject message) {
        if (started) {
            WorkerScope.postError("this worker already runs a machine; start a new worker for another");
            return;
        }
        started = true;
        Marks.mark("startMessage");
        network = JsJson.flag(message, "network");
        cols = (int) JsJson.number(message, "cols");
        rows = (int) JsJson.number(message, "rows");
        List<String> env = new ArrayList<>();
        int count = JsJson.arrayLength(message, "env");
        for (int i = 0; i < count; i++) {
            env.add(JsJson.stringElement(message, "env", i));
        }
        BlockOptions options = new BlockOptions(emptyToNull(JsJson.string(message, "workdir")),
                emptyToNull(JsJson.string(message, "user")), emptyToNull(JsJson.string(message, "hostname")), env,
                (long) JsJson.number(message, "upperLimit")); // -1 or 0 when absent: the default
        if (!prewarming) {
            block = options;
            readSavedWork(message);
            load(message, options);
            return;
        }
        if (loader == null) {
            return; // the prewarm message was refused and said why
        }
        // The image is loading or loaded already: the block brings its settings and its page files.
        block = options;
        pageFiles = PageFiles.fetch(message, descriptorUrl); // configure() gives the machine the terminal's size
        if (resumed != null) {
            launchResumed();
        } else if (rehearsal != null && !rehearsal.over()) {
            rehearsal.cancel(); // the reader's machine is resumed at once, and launched
        } else if (parkedBoot != null) {
            Runnable boot = parkedBoot;
            parkedBoot = null;
            boot.run();
        } // else the loader's callback boots it, now that block is set
    }

    /** The block's persist flag and saved work, from the message that loads the image (a prewarm's, if any). */
    private static void readSavedWork(JSObject message) {
        persist = JsJson.flag(message, "persist");
        Int8Array bytes = JsJson.bytes(message, "savedWork");
        savedWork = persist && bytes != null ? bytes.copyToJavaArray() : null;
    }

    /** Starts the loader for a start or prewarm message (descriptor, kernel, kernelSha256). */
    private static void load(JSObject message, BlockOptions shape) {
        kernelSha256 = emptyToNull(JsJson.string(message, "kernelSha256"));
        String descriptor = JsJson.string(message, "descriptor");
        String kernel = JsJson.string(message, "kernel");
        if (descriptor == null || kernel == null) {
            WorkerScope.postError("the " + JsJson.string(message, "type")
                    + " message needs the image descriptor and kernel URLs");
            return;
        }
        descriptorUrl = descriptor;
        if (!prewarming) {
            pageFiles = PageFiles.fetch(message, descriptor);
        }
        ColdPart.shared().onFailure(WorkerMain::coldPartFailed);
        loader = new ImageLoader(descriptor, kernel, kernelSha256,
                new ImageLoader.Listener() {
                    @Override
                    public void loaded(byte[] image, byte[] snapshot, ImageDescriptor descriptor,
                            List<LayerIndex> indexes, OnDemandLayerSource source) {
                        if (block == null) {
                            prewarmed(image, snapshot, descriptor, indexes, source, shape);
                        } else {
                            boot(image, snapshot, descriptor, indexes, source, shape);
                        }
                    }

                    @Override
                    public void indexesLoaded(ImageDescriptor descriptor, List<LayerIndex> indexes,
                            OnDemandLayerSource source) {
                        prepare(descriptor, indexes, source, shape);
                    }

                    @Override
                    public void notice(String line) {
                        WorkerScope.postNotice(line);
                    }

                    @Override
                    public void failed(String message) {
                        WorkerScope.postError(message);
                    }
                }, WorkerMain::wake);
        loader.start();
        // A task of its own: the fetches' first callbacks (descriptor, Cache API lookups) run before it.
        WorkerScope.setTimeout(WorkerMain::allocateRam, 0);
    }

    /**
     * The image is in before the block's settings: resume the snapshot now (the machine then waits in
     * {@link Session#configure}), or keep the kernel for the start message. A failed restore fetches the kernel
     * and comes back here with it.
     */
    private static void prewarmed(byte[] kernel, byte[] snapshot, ImageDescriptor descriptor,
            List<LayerIndex> indexes, OnDemandLayerSource source, BlockOptions shape) {
        if (stopped) {
            return;
        }
        try {
            prepare(descriptor, indexes, source, shape);
            Session machine = prepared;
            if (machine == null) {
                return; // prepare reported why
            }
            if (snapshot == null) {
                parkedBoot = () -> boot(kernel, null, descriptor, indexes, source, shape);
                Marks.mark("prewarmReady");
                WorkerScope.postPrewarmed("cold");
                return;
            }
            prepared = null;
            SnapshotIdentity identity = new SnapshotIdentity(kernelSha256, descriptor.manifestDigest());
            Rehearsal run = new Rehearsal(new BrowserHost(WorkerMain::rehearse, WorkerMain::readsWaiting),
                    WorkerMain::readsWaiting, () -> resumePrewarmed(machine, snapshot, descriptor,
                            () -> rebuilt(descriptor, indexes, source, shape, false)));
            // Its own RAM: the reader's machine must resume into RAM never written.
            Session rehearsed = build(descriptor, indexes, source, shape, run, new Ram(MachineConfig.DEFAULT_RAM_BYTES));
            try {
                rehearsed.resumeFrom(snapshot, identity); // pristine: the reader's saved work is the reader's
            } catch (SnapshotException e) {
                host.cancelTimer();
                loader.bootCold(e.getMessage());
                return;
            }
            rehearsal = run;
            Marks.mark("rehearsalStarted");
            run.begin(rehearsed, shape);
        } catch (Throwable e) {
            fail(e);
        }
    }

    /**
     * A split boot snapshot's second part cannot be used after a machine resumed from the first: that machine
     * cannot go on, so every machine of the snapshot is dropped and the kernel boots (one line says why).
     */
    private static void coldPartFailed(String why) {
        if (stopped) {
            return;
        }
        if (rehearsal != null) {
            rehearsal.cancel(); // its end resumes the reader's machine, which finds the part failed and boots cold
            return;
        }
        for (Session dropped : new Session[] {session, resumed}) {
            if (dropped != null) {
                dropped.stop();
            }
        }
        session = null;
        resumed = null;
        host.cancelTimer();
        loader.bootCold(why);
    }

    private static void rehearse() {
        try {
            if (rehearsal != null) {
                rehearsal.tick();
            }
        } catch (Throwable e) {
            fail(e);
        }
    }

    /**
     * The rehearsal is over (its machine is dropped): the reader's machine resumes from the same snapshot and
     * waits for its block's settings, or goes at once if they came during the rehearsal.
     */
    private static void resumePrewarmed(Session machine, byte[] snapshot, ImageDescriptor descriptor,
            SavedWorkResume.FreshMachine fresh) {
        if (stopped) {
            return;
        }
        try {
            Marks.mark("rehearsalEnded");
            rehearsal = null;
            Session reader;
            try {
                reader = resumeWithWork(machine, snapshot, descriptor, fresh);
            } catch (SnapshotException e) { // the rehearsal resumed the same bytes: not expected
                host.cancelTimer();
                loader.bootCold(e.getMessage());
                return;
            }
            resumed = reader;
            Marks.mark("prewarmReady");
            WorkerScope.postPrewarmed("snapshot");
            if (block != null) {
                launchResumed();
            }
        } catch (Throwable e) {
            fail(e);
        }
    }

    /** The start message came for a machine a prewarm resumed: its block's settings, then its page files. */
    private static void launchResumed() {
        if (stopped) {
            return;
        }
        try {
            if (!pageFiles.ready()) {
                pageFiles.whenReady(WorkerMain::launchResumed);
                return;
            }
            if (pageFiles.failure() != null) {
                WorkerScope.postError(pageFiles.failure());
                return;
            }
            Marks.mark("imageLoaded");
            WorkerScope.postStatus("booting", 0, 0);
            Session starting = resumed;
            resumed = null;
            configure(starting);
            if (!restoredWork) {
                pageFiles.install(starting.fileSystem()); // after the settings, before the first slice
            }
            Marks.mark("snapshotResumed");
            WorkerScope.postBoot("snapshot");
            keepWork(starting, resumedFrom);
            begin(starting);
        } catch (Throwable e) {
            fail(e);
        }
    }

    private static void allocateRam() {
        try {
            if (!stopped && prepared == null && session == null && earlyRam == null) {
                earlyRam = new Ram(MachineConfig.DEFAULT_RAM_BYTES);
                Marks.mark("ramAllocated");
            }
        } catch (Throwable e) {
            fail(e);
        }
    }

    /**
     * Builds the filesystem and the machine (allocating guest RAM takes 100 ms and more) as soon as the layer
     * indexes are in, while the snapshot or the kernel still downloads.
     */
    private static void prepare(ImageDescriptor descriptor, List<LayerIndex> indexes, OnDemandLayerSource source,
            BlockOptions shape) {
        if (stopped || prepared != null) {
            return;
        }
        try {
            layers = source;
            layerCount = indexes.size();
            host = new BrowserHost(WorkerMain::tick, WorkerMain::readsWaiting);
            Ram ram = earlyRam != null ? earlyRam : new Ram(MachineConfig.DEFAULT_RAM_BYTES);
            earlyRam = null; // a machine built again (cold boot after a failed restore) needs fresh RAM
            prepared = build(descriptor, indexes, source, shape, host, ram); // boot() or launchResumed() configures
            Marks.mark("machineBuilt");
        } catch (Throwable e) {
            fail(e);
        }
    }

    /** A machine over the image, with fresh entropy, neither configured nor booted. */
    private static Session build(ImageDescriptor descriptor, List<LayerIndex> indexes, OnDemandLayerSource source,
            BlockOptions shape, SessionHost sessionHost, Ram ram) throws ImageFormatException {
        BrowserEntropy entropy = new BrowserEntropy();
        byte[] seed = new byte[SEED_BYTES];
        entropy.fill(seed, 0, seed.length);
        MachineConfig config = new MachineConfig(MachineConfig.DEFAULT_RAM_BYTES, BOOTARGS, new WallClock(),
                (data, offset, length) -> { }, seed, entropy);
        SessionSpec spec = new SessionSpec(null, indexes, source, descriptor.config(), shape, cols, rows);
        return Session.prepareUnconfigured(spec, config, sessionHost, ram);
    }

    /** Resumes from {@code snapshot}, or boots {@code kernel} when it is null; a failed restore boots cold. */
    private static void boot(byte[] kernel, byte[] snapshot, ImageDescriptor descriptor, List<LayerIndex> indexes,
            OnDemandLayerSource source, BlockOptions shape) {
        if (stopped) {
            return;
        }
        try {
            if (!pageFiles.ready()) { // the machine starts with the page's files in place
                pageFiles.whenReady(() -> boot(kernel, snapshot, descriptor, indexes, source, shape));
                return;
            }
            if (pageFiles.failure() != null) {
                WorkerScope.postError(pageFiles.failure());
                return;
            }
            Marks.mark("imageLoaded");
            WorkerScope.postStatus("booting", 0, 0);
            prepare(descriptor, indexes, source, shape);
            Session starting = prepared;
            if (starting == null) {
                return; // prepare reported why
            }
            prepared = null; // a session starts once; a cold boot after a failed restore builds another
            configure(starting);
            if (snapshot != null) {
                try {
                    starting = resumeWithWork(starting, snapshot, descriptor,
                            () -> rebuilt(descriptor, indexes, source, shape, true));
                    if (!restoredWork) {
                        pageFiles.install(starting.fileSystem()); // before the first slice
                    }
                    Marks.mark("snapshotResumed");
                    WorkerScope.postBoot("snapshot");
                } catch (SnapshotException e) {
                    host.cancelTimer();
                    loader.bootCold(e.getMessage());
                    return;
                }
                keepWork(starting, resumedFrom);
            } else {
                pageFiles.install(starting.fileSystem());
                starting.bootKernel(kernel);
                WorkerScope.postBoot("cold");
                if (persist) {
                    WorkerScope.postNotice("termpress: your files are not kept on this page: the image has no boot"
                            + " snapshot to keep them on");
                }
            }
            begin(starting);
        } catch (Throwable e) {
            fail(e);
        }
    }

    /**
     * Resumes {@code machine} from the boot snapshot with the block's saved work, if any; files that cannot be
     * restored give the reader one line and a pristine machine (another one if the first was spoiled).
     *
     * @throws SnapshotException if the snapshot itself cannot be restored
     */
    private static Session resumeWithWork(Session machine, byte[] snapshot, ImageDescriptor descriptor,
            SavedWorkResume.FreshMachine fresh) throws SnapshotException, ImageFormatException {
        byte[] saved = savedWork;
        savedWork = null; // once: a cold boot after a failed restore has no base for it
        resumedFrom = descriptor.snapshot().hex();
        SavedWorkResume.Outcome outcome = SavedWorkResume.resume(machine, fresh, snapshot,
                new SnapshotIdentity(kernelSha256, descriptor.manifestDigest()), saved, resumedFrom);
        restoredWork = outcome.restored();
        if (outcome.problem() != null) {
            WorkerScope.postNotice(SavedWorkResume.notice(outcome.problem()));
        }
        if (saved != null) {
            WorkerScope.postRestored(outcome.restored());
        }
        return outcome.session();
    }

    /** Another machine after one was spoiled by saved work that did not fit; configured when {@code configure}. */
    private static Session rebuilt(ImageDescriptor descriptor, List<LayerIndex> indexes, OnDemandLayerSource source,
            BlockOptions shape, boolean configure) {
        host.cancelTimer();
        prepare(descriptor, indexes, source, shape);
        Session machine = prepared;
        prepared = null;
        if (machine == null) {
            throw new IllegalStateException("the machine could not be built again");
        }
        if (configure) {
            configure(machine);
        }
        return machine;
    }

    /** Hands the machine the block's settings, and first its network if the block has one. */
    private static void configure(Session machine) {
        if (network) {
            machine.attachNetwork(new FetchBackend(new BrowserFetcher(), BrowserFetcher.pageOrigin(),
                    WorkerScope::postNotice));
        }
        machine.configure(block, cols, rows);
    }

    /** A persist block's machine runs from snapshot {@code base}: its files are saved as the guest changes them. */
    private static void keepWork(Session machine, String base) {
        if (persist) {
            keeper = new WorkKeeper(machine, base);
        }
    }

    /** The machine runs for the reader: what they typed meanwhile goes to it. */
    private static void begin(Session starting) {
        session = starting;
        Marks.mark("machineStarted");
        for (byte[] bytes : earlyInput) {
            session.input(bytes);
        }
        earlyInput.clear();
    }

    private static void tick() {
        try {
            if (session != null) {
                Marks.mark("firstSlice");
                session.tick();
                if (keeper != null) {
                    keeper.afterSlice();
                }
            }
        } catch (Throwable e) {
            fail(e);
        }
    }

    /** Whether a guest read waits on layer bytes being fetched. */
    private static boolean readsWaiting() {
        if (ColdPart.shared().awaited()) {
            return true; // a guest waits for the boot snapshot's second part
        }
        if (layers == null) {
            return false;
        }
        for (int i = 0; i < layerCount; i++) {
            if (layers.isFetching(i)) {
                return true;
            }
        }
        return false;
    }

    private static void postStats() {
        TickLedger.Figures figures = host.atLastOutput();
        Marks.postStats(session.instructions(), session.busyMillis(), figures.spanMillis(), figures.slices(),
                figures.sliceMillis(), figures.yieldMillis(), figures.sleepMillis(), figures.lateMillis(),
                figures.fetchMillis(), figures.idleMillis());
    }

    private static void wake() {
        if (session != null) {
            session.wake();
        }
        if (rehearsal != null) {
            rehearsal.wake();
        }
    }

    private static void input(byte[] bytes) {
        if (session != null) {
            session.input(bytes);
        } else if (!stopped) {
            earlyInput.add(bytes);
        }
    }

    private static void resize(int newCols, int newRows) {
        if (newCols <= 0 || newRows <= 0) {
            return;
        }
        cols = newCols;
        rows = newRows;
        if (session != null) {
            session.resize(newCols, newRows);
        } else if (prepared != null) {
            prepared.resize(newCols, newRows); // built with the start message's size, not started yet
        }
    }

    private static void stop() {
        stopped = true;
        if (session != null) {
            session.stop();
        }
        if (rehearsal != null) {
            rehearsal.cancel();
        }
        WorkerScope.close();
    }

    /** Reports an unexpected failure and stops the machine: the page shows the message. */
    private static void fail(Throwable e) {
        if (session != null) {
            session.stop();
        }
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        WorkerScope.postError("the emulator stopped: " + message);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
