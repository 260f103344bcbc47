package dev.termpress.runtime.worker;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.guest.ExitStatusFile;
import dev.termpress.emulator.guest.InitConf;
import dev.termpress.emulator.guest.InitHandshake;
import dev.termpress.emulator.host.Clock;
import dev.termpress.emulator.net.NetworkBackend;
import dev.termpress.emulator.net.UserNetwork;
import dev.termpress.emulator.p9.Virtio9p;
import dev.termpress.emulator.snapshot.ColdPages;
import dev.termpress.emulator.snapshot.MachineSnapshot;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.SnapshotIdentity;
import dev.termpress.runtime.boot.BlockOptions;
import java.io.ByteArrayOutputStream;

/**
 * One running guest: the machine over the image's filesystem, run in slices of a few milliseconds so the
 * worker stays responsive (DESIGN §4). Between slices it asks its {@link SessionHost} to be called again:
 * at once while the guest computes, at the next timer when it idles, or not at all when only input can
 * wake it. Single-threaded: every method runs on the worker's thread.
 */
public final class Session {

    /** Wall time one slice may take before control goes back to the event loop (messages, fetches). */
    static final double SLICE_MILLIS = 8;
    /** Instructions between looks at the clock: about a millisecond at the speeds measured in DESIGN §5. */
    static final long CHUNK = 150_000;
    /** Outputs that may wait for the page's confirmation before the guest is paused. */
    public static final int MAX_OUTPUTS_UNSHOWN = 4;
    /** Output that ends a slice early, so a flood of output reaches the page in pieces. */
    static final int OUTPUT_FLUSH_BYTES = 64 * 1024;

    private static final double TICKS_PER_MILLI = Clock.TIMEBASE_HZ / 1000.0;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final SessionHost host;
    private final OutputBuffer output = new OutputBuffer();
    /**
     * Outputs sent that the page has not confirmed drawing. Past {@link #MAX_OUTPUTS_UNSHOWN} the guest
     * waits, as a program writing to a slow terminal blocks: a console flood then runs at the
     * terminal's pace instead of queueing messages in the page without bound.
     */
    private int outputsUnshown;
    private final Machine machine;
    private final ImageFileSystem fs;
    private final Virtio9p files;
    private final SessionSpec spec;
    private final MachineConfig base;
    /** init's side of the handshake with the block's settings: null until {@link #configure}. */
    private InitHandshake handshake;
    /** Console output before {@link #configure} (none is expected: a boot snapshot is taken at init's ready). */
    private final ByteArrayOutputStream earlyConsole = new ByteArrayOutputStream();
    private final Clock clock;
    /** Restored from a boot snapshot before {@link #configure}: the guest resumes once it has the block's settings. */
    private boolean resumedUnconfigured;
    private int cols;
    private int rows;
    private boolean soonRequested;
    private boolean started;
    /**
     * The terminal was resized after init.conf was rendered and before the machine started: init sets the
     * tty to init.conf's size, so the console is resized again once init has handed over (first output
     * after its started marker).
     */
    private boolean resizeAfterInit;
    private boolean finished;
    /** The guest printed since it started: an idle guest that printed and waits on nothing is at its prompt. */
    private boolean printed;
    private long instructions;
    private double busyMillis;

    private Session(SessionHost host, Machine machine, ImageFileSystem fs, Virtio9p files, SessionSpec spec,
            MachineConfig base) {
        this.host = host;
        this.machine = machine;
        this.fs = fs;
        this.files = files;
        this.spec = spec;
        this.base = base;
        this.clock = base.clock();
    }

    /**
     * Builds the filesystem and the machine, and boots the kernel; the guest runs from the first
     * {@link #tick}, which this requests. init.conf reaches the guest through the {@link InitHandshake}.
     *
     * @param base the machine settings; its console is replaced by the session's
     * @throws ImageFormatException if the layers do not merge
     * @throws IllegalStateException if the image leaves no room for init.conf
     */
    public static Session boot(SessionSpec spec, MachineConfig base, SessionHost host) throws ImageFormatException {
        Session session = prepare(spec, base, host);
        session.bootKernel(spec.kernel());
        return session;
    }

    /**
     * Builds the filesystem and the machine and resumes the machine from a boot snapshot (raw bytes, made at
     * init's ready marker, docs/snapshot-format.md), as the JVM's {@code PreparedImage.resume} does: the
     * handshake starts at "ready seen", so the first {@link #tick} hands init this block's settings with the
     * browser's time and fresh entropy. The restored clock continues at the snapshot's tick count with the
     * calendar at the host's real time. {@code spec.kernel()} is not used.
     *
     * @param identity the kernel and image this runtime runs; the snapshot must have been made from them
     * @throws SnapshotException if the snapshot belongs elsewhere or is damaged: the session is unusable, build
     *     another one (a cold {@link #boot})
     * @throws ImageFormatException if the layers do not merge
     */
    public static Session resume(SessionSpec spec, MachineConfig base, SessionHost host, byte[] snapshot,
            SnapshotIdentity identity) throws ImageFormatException, SnapshotException {
        Session session = prepare(spec, base, host);
        session.resumeFrom(snapshot, identity);
        return session;
    }

    /**
     * The filesystem, the handshake and the machine (its guest RAM allocated), neither booted nor restored: a
     * worker builds this while the kernel or the snapshot downloads, then calls {@link #bootKernel} or
     * {@link #resumeFrom} once. {@code spec.kernel()} is not used.
     *
     * @throws ImageFormatException if the layers do not merge
     * @throws IllegalStateException if the image leaves no room for init.conf
     */
    public static Session prepare(SessionSpec spec, MachineConfig base, SessionHost host) throws ImageFormatException {
        return prepare(spec, base, host, new Ram(base.ramBytes()));
    }

    /**
     * {@link #prepare(SessionSpec, MachineConfig, SessionHost)} over guest RAM allocated earlier ({@code ram}:
     * fresh, never written, of {@code base.ramBytes()}), so that the allocation can overlap the downloads.
     */
    public static Session prepare(SessionSpec spec, MachineConfig base, SessionHost host, Ram ram)
            throws ImageFormatException {
        Session session = prepareUnconfigured(spec, base, host, ram);
        session.configure(spec.block(), spec.cols(), spec.rows());
        return session;
    }

    /**
     * The machine without a block's settings yet (a page prewarming a block that scrolled into view): it may be
     * {@link #resumeFrom resumed} now, but runs only once {@link #configure} hands it the block's settings (a
     * kernel boots only after that). Only {@code spec.block().upperLimit()} is used: the writable layer is made now.
     *
     * @throws ImageFormatException if the layers do not merge
     */
    public static Session prepareUnconfigured(SessionSpec spec, MachineConfig base, SessionHost host, Ram ram)
            throws ImageFormatException {
        Session session = assemble(spec, base, host, ram);
        session.cols = spec.cols();
        session.rows = spec.rows();
        return session;
    }

    /**
     * Hands the machine the block's settings (working directory, user, hostname, environment) and the terminal's
     * size; a machine resumed before this runs from the next tick. Write the block's page files into
     * {@link #fileSystem} after this and before the tick: the guest reads them only after init has its settings.
     *
     * @throws IllegalStateException if already configured, if the image leaves no room for init.conf, or if
     *     {@code block} asks for a writable layer other than the one this machine was built with
     */
    public void configure(BlockOptions block, int cols, int rows) {
        if (handshake != null) {
            throw new IllegalStateException("this session already has its block's settings");
        }
        if (block.upperLimit() != fs.upperLimit()) {
            throw new IllegalStateException("the block's writable layer (" + block.upperLimit()
                    + " bytes) is not the prepared machine's (" + fs.upperLimit() + ")");
        }
        String conf = InitConf.render(spec.image(), block.overrides(cols, rows));
        if (machine.network().network() != null) {
            conf = InitConf.withNetwork(conf); // attachNetwork came first: init brings eth0 up
        }
        InitHandshake made = new InitHandshake(fs, conf,
                () -> System.currentTimeMillis() * NANOS_PER_MILLI, base.entropy(),
                (data, offset, length) -> output.write(data, offset, length));
        made.checkInstallable();
        made.attach(machine);
        handshake = made;
        if (earlyConsole.size() > 0) {
            byte[] early = earlyConsole.toByteArray();
            made.write(early, 0, early.length);
        }
        if (cols > 0 && rows > 0) {
            this.cols = cols;
            this.rows = rows;
        }
        if (resumedUnconfigured) {
            resumedUnconfigured = false;
            handshake.resumeAtReady();
            sizeConsole();
            wake();
        }
    }

    /**
     * Gives the guest a network over {@code backend} (a block with {@code data-network}); call before
     * {@link #configure}, whose init.conf then brings eth0 up. Whatever the backend delivers wakes the guest.
     */
    public void attachNetwork(NetworkBackend backend) {
        if (handshake != null) {
            throw new IllegalStateException("attach the network before the session has its block's settings");
        }
        backend.onEvent(this::wake);
        machine.network().connect(new UserNetwork(backend));
    }

    /** Whether init has its settings and handed over to the block's shell (its own files are written by then). */
    public boolean handedOver() {
        return handshake != null && handshake.started();
    }

    /** Whether {@link #configure} has handed the machine its block's settings. */
    public boolean configured() {
        return handshake != null;
    }

    /** Boots the raw kernel {@code Image} in a {@link #prepare}d session; the guest runs from the first tick. */
    public void bootKernel(byte[] kernel) {
        if (handshake == null) {
            throw new IllegalStateException("configure the session before booting its kernel");
        }
        started = true;
        sizeConsole();
        machine.bootKernel(kernel);
        wake();
    }

    /**
     * Resumes a {@link #prepare}d session from a boot snapshot (see {@link #resume}).
     *
     * @throws SnapshotException if the snapshot belongs elsewhere or is damaged: this session is unusable
     */
    public void resumeFrom(byte[] snapshot, SnapshotIdentity identity) throws SnapshotException {
        MachineSnapshot.restore(machine, snapshot, identity);
        if (machine.ram().absentPages() > 0) {
            ColdPart.shared().attach(this); // the first part of a split snapshot: the rest follows
        }
        started = true;
        if (handshake == null) {
            resumedUnconfigured = true; // configure() lets it run
            return;
        }
        handshake.resumeAtReady();
        sizeConsole();
        wake();
    }

    /** A split snapshot's second part arrived: its pages go into this machine's RAM and a waiting guest goes on. */
    void applyColdPart(byte[] raw) {
        if (finished) {
            return;
        }
        try {
            ColdPages.apply(machine.ram(), raw);
        } catch (SnapshotException e) {
            ColdPart.shared().refused(e.getMessage());
            return;
        }
        if (started && handshake != null) {
            wake();
        }
    }

    private void sizeConsole() {
        if (cols > 0 && rows > 0) {
            machine.console().resize(cols, rows);
        }
    }

    /** The filesystem, the handshake and the machine, neither booted nor restored: what boot and resume share. */
    private static Session assemble(SessionSpec spec, MachineConfig base, SessionHost host, Ram ram)
            throws ImageFormatException {
        ImageFileSystem fs = ImageFileSystem.create(spec.layers(), spec.source(),
                () -> System.currentTimeMillis() * NANOS_PER_MILLI, spec.block().upperLimit());
        Session[] self = new Session[1];
        // The console goes through the handshake, made by configure(): a prewarmed machine has none before.
        MachineConfig config = new MachineConfig(base.ramBytes(), base.bootargs(), base.clock(),
                (data, offset, length) -> self[0].console(data, offset, length), base.rngSeed(), base.entropy());
        Machine machine = new Machine(config, ram);
        Virtio9p files = new Virtio9p(fs);
        Session session = new Session(host, machine, fs, files, spec, base);
        self[0] = session;
        machine.attach(files);
        return session;
    }

    private void console(byte[] data, int offset, int length) {
        if (handshake != null) {
            handshake.write(data, offset, length);
        } else {
            earlyConsole.write(data, offset, length);
        }
    }

    /** Runs the guest for one slice, sends its output and arranges the next slice. */
    public void tick() {
        soonRequested = false;
        if (finished || handshake == null || outputsUnshown >= MAX_OUTPUTS_UNSHOWN) {
            return; // outputShown() wakes it
        }
        double start = host.nowMillis();
        double deadline = start + SLICE_MILLIS;
        double now;
        do {
            long ran = handshake.run(CHUNK);
            instructions += ran;
            now = host.nowMillis();
            if (machine.halted() || machine.waitingForPages() || ran < CHUNK && machine.idle()
                    || output.size() >= OUTPUT_FLUSH_BYTES) {
                break;
            }
        } while (now < deadline);
        busyMillis += now - start;
        boolean printedNow = flush();
        printed |= printedNow;
        if (resizeAfterInit && printedNow && handshake.started()) {
            resizeAfterInit = false;
            machine.console().resize(cols, rows);
        }
        if (machine.halted()) {
            finished = true;
            host.cancelTimer();
            host.exited(ExitStatusFile.read(fs).orElse(machine.exitCode()));
        } else if (machine.waitingForPages()) {
            ColdPart.shared().stalled(this, Long.toHexString(machine.cpu().pc()) + "-"
                    + Long.toHexString(machine.cpu().absentAddress()) + "-" + instructions);
            host.cancelTimer(); // the snapshot's second part wakes it (applyColdPart)
        } else if (!machine.idle()) {
            requestSoon();
        } else {
            fetchColdPartAtPrompt();
            double sleepMillis = idleSleepMillis();
            if (sleepMillis >= 0) {
                host.runAfter(sleepMillis);
            } else {
                host.cancelTimer(); // only input or arriving layer bytes can wake it: they call wake()
            }
        }
    }

    /**
     * How long the idle guest may sleep before its next timer ({@code 0} when one is already due),
     * or {@code -1} when no timer is armed.
     */
    double idleSleepMillis() {
        long wake = machine.nextWakeUpTicks();
        if (wake == Long.MAX_VALUE) {
            return -1;
        }
        return Math.max(0, wake - clock.ticks(machine.cpu().instret())) / TICKS_PER_MILLI;
    }

    /** Keystrokes for the guest (held by the handshake until init has its settings). */
    public void input(byte[] data) {
        if (!finished && handshake != null) {
            handshake.input(data, 0, data.length);
            wake();
        }
    }

    /**
     * The terminal's new size; the guest's tty follows (SIGWINCH). Before the machine starts it is the size
     * the console starts with (and, init.conf being written already, the size set again after init).
     */
    public void resize(int cols, int rows) {
        if (finished || cols <= 0 || rows <= 0) {
            return;
        }
        if (!started) {
            resizeAfterInit |= cols != this.cols || rows != this.rows;
            this.cols = cols;
            this.rows = rows;
            return;
        }
        this.cols = cols;
        this.rows = rows;
        machine.console().resize(cols, rows);
        wake();
    }

    /** The page drew one output: a guest paused for the terminal runs again. */
    public void outputShown() {
        if (outputsUnshown == 0) {
            return;
        }
        boolean paused = outputsUnshown >= MAX_OUTPUTS_UNSHOWN;
        outputsUnshown--;
        if (paused) {
            wake();
        } else if (!soonRequested) {
            fetchColdPartAtPrompt(); // the page drew the idle guest's last output: maybe its prompt
        }
    }

    /**
     * Starts fetching a split snapshot's second part once the reader sees the prompt: the guest printed, has
     * nothing to run, waits on no fetch, and the page drew all it printed (a rehearsal's prompt is not seen). Earlier, the download would compete
     * with the bytes the guest needs to get there; a guest that needs a cold page first starts it itself
     * ({@link ColdPart#stalled}).
     */
    private void fetchColdPartAtPrompt() {
        if (printed && outputsUnshown == 0 && !finished && host.seenByReader() && machine.idle()
                && !machine.waitingForPages() && machine.ram().absentPages() > 0 && !host.readsWaiting()) {
            ColdPart.shared().start();
        }
    }

    /** Something outside the guest happened (input, layer bytes arrived): run the next slice soon. */
    public void wake() {
        if (!finished) {
            host.cancelTimer();
            requestSoon();
        }
    }

    /** Ends the session; nothing runs after this. */
    public void stop() {
        finished = true;
        host.cancelTimer();
    }

    /** The root filesystem the machine serves (a host writes the page's files into it before the guest runs). */
    public ImageFileSystem fileSystem() {
        return fs;
    }

    /**
     * Makes the next {@link #resumeFrom} bring back a reader's saved files ({@code SavedWork.unwrap}ped, made on
     * top of that same snapshot) instead of the snapshot's own; if they do not fit, that resume throws and this
     * session is unusable (build another and resume without them).
     */
    public void restoreFilesOnResume(byte[] savedFiles) {
        files.server().restoreFilesOnResume(savedFiles);
    }

    /** What the guest changed in the filesystem, for {@code SavedWork.wrap} (see {@link #restoreFilesOnResume}). */
    public byte[] saveFiles() {
        return files.server().saveFiles();
    }

    /** Guest instructions executed so far. */
    public long instructions() {
        return instructions;
    }

    /** Host milliseconds spent running the guest (not waiting): instructions / busy time is the guest speed. */
    public double busyMillis() {
        return busyMillis;
    }

    /** Whether the guest halted or the session was stopped. */
    public boolean finished() {
        return finished;
    }

    private void requestSoon() {
        if (!soonRequested) {
            soonRequested = true;
            host.runSoon();
        }
    }

    /** Sends the slice's output; whether there was any. */
    private boolean flush() {
        byte[] bytes = output.take();
        if (bytes != null && !host.output(bytes)) {
            outputsUnshown++;
        }
        return bytes != null;
    }
}
