package dev.termpress.generator.vm;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.fs.ByteArrayLayerSource;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.TarInput;
import dev.termpress.emulator.guest.GuestOverrides;
import dev.termpress.emulator.guest.InitConf;
import dev.termpress.emulator.guest.InitHandshake;
import dev.termpress.emulator.host.ConsoleOutput;
import dev.termpress.emulator.host.InstructionClock;
import dev.termpress.emulator.kernel.KernelImage;
import dev.termpress.emulator.p9.Virtio9p;
import dev.termpress.emulator.snapshot.ColdPages;
import dev.termpress.emulator.snapshot.MachineSnapshot;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.SnapshotIdentity;
import dev.termpress.emulator.translate.jvm.JvmTranslation;
import dev.termpress.generator.image.LocalImage;
import java.util.ArrayList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * An image ready to boot on the JVM: its layer indexes built once, so every boot (one per demo
 * block in {@code check}) only merges the tree again and starts a fresh machine. It also makes the
 * image's boot snapshot (the machine at init's ready marker, on the deterministic clock) and
 * resumes blocks from one.
 */
public final class PreparedImage {

    /**
     * The kernel command line a boot snapshot is made with (the browser's): a resumed machine keeps
     * the device tree, hence the command line, of the boot that made it.
     */
    public static final String SNAPSHOT_BOOTARGS = "console=hvc0 quiet";
    /** Instructions a boot may take to reach init's ready marker (busybox needs about 21 M, Debian more). */
    private static final long SNAPSHOT_BOOT_BUDGET = 4_000_000_000L;
    private static final long SNAPSHOT_SLICE = 5_000_000L;
    /** Instructions from a resume to the prompt (busybox needs about 3 M), in slices of a block's size. */
    private static final long HOT_SET_BUDGET = 1_000_000_000L;
    private static final long HOT_SET_SLICE = 200_000L;
    /** Run on after the prompt, so the hot set also holds what the waiting shell and kernel touch next. */
    private static final long HOT_SET_SETTLE = 2_000_000L;
    /**
     * A block that sets every option, as pages often do (docs/architecture.md, "Snapshots"); its workdir does
     * not exist, so init creates it (the filesystem's create paths).
     */
    private static final GuestOverrides HOT_SET_BLOCK = new GuestOverrides("termpress", "/termpress/workdir", "nobody",
            java.util.Map.of("TERMPRESS_BLOCK", "1"), 100, 30);
    /** The second resume gives up sooner: an image without that user may never show a prompt. */
    private static final long HOT_SET_VARIANT_BUDGET = 100_000_000L;

    private final LocalImage image;
    private final List<LayerIndex> indexes;
    private final ByteArrayLayerSource source;
    private final long upperLimit;

    private PreparedImage(LocalImage image, List<LayerIndex> indexes, long upperLimit) {
        this.image = image;
        this.indexes = indexes;
        this.source = new ByteArrayLayerSource(image.layers());
        this.upperLimit = upperLimit;
    }

    /** Indexes the image's layers; a layer termpress cannot serve is an error naming it. */
    public static PreparedImage of(LocalImage image) throws ImageFormatException {
        return of(image, ImageFileSystem.DEFAULT_UPPER_LIMIT);
    }

    /** The same with the writable layer of every boot limited to {@code upperLimit} bytes. */
    public static PreparedImage of(LocalImage image, long upperLimit) throws ImageFormatException {
        List<LayerIndex> indexes = new ArrayList<>();
        for (byte[] layer : image.layers()) {
            indexes.add(LayerIndex.build(TarInput.of(layer)));
        }
        return new PreparedImage(image, indexes, upperLimit);
    }

    /** The loaded image. */
    public LocalImage image() {
        return image;
    }

    /**
     * A new machine with the kernel loaded and the pristine image as its root filesystem; the
     * caller runs it through the returned {@link InitHandshake}, which hands init {@code initConf}
     * (as {@code /.termpress/init.conf}) when init asks for it.
     *
     * @param config the machine settings; its console receives the output without the handshake's markers
     * @param clockNanos wall time, nanoseconds since the epoch: for files the guest changes and for the guest's clock
     * @throws ImageFormatException if the image blocks {@code /.termpress} (checked before the boot)
     */
    public BootedImage boot(String initConf, MachineConfig config, LongSupplier clockNanos)
            throws ImageFormatException {
        BootedImage booted = assemble(initConf, config, clockNanos);
        booted.machine().bootKernel(KernelImage.load());
        return booted;
    }

    /**
     * A machine with its devices and the pristine image, neither booted nor restored yet: what a
     * cold boot and a resume share.
     */
    private BootedImage assemble(String initConf, MachineConfig config, LongSupplier clockNanos)
            throws ImageFormatException {
        ImageFileSystem fs = ImageFileSystem.create(indexes, source, clockNanos, upperLimit);
        InitHandshake handshake = new InitHandshake(fs, initConf, clockNanos, config.entropy(), config.console());
        try {
            handshake.checkInstallable();
        } catch (IllegalStateException e) {
            throw new ImageFormatException(image.description() + ": " + e.getMessage());
        }
        // run and check translate guest code with TERMPRESS_TRANSLATE=on (or -Dtermpress.translate=on).
        JvmTranslation.configureFromSettings();
        Machine machine = new Machine(new MachineConfig(config.ramBytes(), config.bootargs(), config.clock(), handshake,
                config.rngSeed(), config.entropy()));
        handshake.attach(machine);
        machine.attach(new Virtio9p(fs));
        return new BootedImage(machine, fs, handshake);
    }

    /**
     * The RAM pages a resume of {@code snapshot} uses up to the shell's first prompt (and a little after it,
     * while the shell settles), read, written, fetched or reached by a device: a boot snapshot's hot part.
     * The resume runs as a block's would, on the deterministic clock, once with the image's own settings and
     * once more with every block option set ({@link #HOT_SET_BLOCK}): a browser's block hands init a full
     * init.conf, and a user, directory or hostname of its own takes kernel and init paths the image's
     * defaults do not, which would otherwise wait for the second part before the prompt.
     *
     * @throws SnapshotException if the snapshot cannot be resumed or no prompt shows within the budget with
     *     the image's own settings (a block with every option set may fail, e.g. without that user)
     */
    public int[] hotPages(byte[] snapshot) throws SnapshotException, ImageFormatException {
        java.util.TreeSet<Integer> pages = new java.util.TreeSet<>();
        GuestOverrides own = GuestOverrides.none().withWinsize(80, 24);
        touchedUntilPrompt(snapshot, InitConf.render(image.settings(), own), own, new InstructionClock(), true, pages);
        try {
            touchedUntilPrompt(snapshot, InitConf.render(image.settings(), HOT_SET_BLOCK), HOT_SET_BLOCK,
                    new InstructionClock(), false, pages);
        } catch (IllegalArgumentException e) {
            // the image's settings and these overrides do not render: the image's own run is the hot set
        }
        return pages.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Adds the pages one resume with {@code initConf} touches to the prompt to {@code pages}. The console is
     * given the block's size as the browser gives it right after the resume (the kernel's resize path).
     */
    private void touchedUntilPrompt(byte[] snapshot, String initConf, GuestOverrides block, InstructionClock clock,
            boolean mustPrompt, java.util.Set<Integer> pages) throws SnapshotException, ImageFormatException {
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        LongSupplier buildTime = () -> InstructionClock.BOOT_UNIX_NANOS;
        BootedImage resumed = assemble(initConf, MachineConfig.deterministic(console::write).withClock(clock),
                buildTime);
        resumed.machine().ram().recordTouches();
        MachineSnapshot.restore(resumed.machine(), snapshot, snapshotIdentity());
        resumed.handshake().resumeAtReady();
        resumed.machine().console().resize(block.cols(), block.rows());
        long executed = 0;
        while (!endsLikePrompt(console)) {
            if (resumed.machine().halted() || executed >= (mustPrompt ? HOT_SET_BUDGET : HOT_SET_VARIANT_BUDGET)) {
                if (!mustPrompt) {
                    break; // what it touched still counts
                }
                throw new SnapshotException(image.description() + ": no shell prompt within " + executed
                        + " instructions of the resume");
            }
            executed += resumed.handshake().run(HOT_SET_SLICE);
        }
        resumed.handshake().run(HOT_SET_SETTLE);
        for (int page : resumed.machine().ram().touchedPages()) {
            pages.add(page);
        }
    }

    /** The console's last bytes end like a shell prompt ("# ", "$ "), escape sequences aside. */
    private static boolean endsLikePrompt(java.io.ByteArrayOutputStream console) {
        String text = console.toString(StandardCharsets.ISO_8859_1).replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");
        return text.endsWith("# ") || text.endsWith("$ ");
    }

    /** What a snapshot of this image on the bundled kernel must have been made from. */
    public SnapshotIdentity snapshotIdentity() {
        return new SnapshotIdentity(kernelSha256(), image.manifestDigest());
    }

    /**
     * Boots the image on the deterministic clock with fixed entropy until init announces it waits
     * for its settings, and saves the machine there: the same image and kernel always give the
     * same bytes, and any block can resume them (nothing per block is in the guest yet).
     *
     * @throws SnapshotException if init never gets there (the boot failed or powered off)
     */
    public byte[] snapshot() throws SnapshotException, ImageFormatException {
        return MachineSnapshot.save(bootToReady(), snapshotIdentity());
    }

    /**
     * The same snapshot in two parts: the machine with the RAM pages a resume uses up to the prompt
     * ({@link #hotPages}), and every other non-zero page. Deterministic like {@link #snapshot}.
     */
    public MachineSnapshot.Split splitSnapshot() throws SnapshotException, ImageFormatException {
        Machine machine = bootToReady();
        int[] hot = hotPages(MachineSnapshot.save(machine, snapshotIdentity()));
        return MachineSnapshot.saveSplit(machine, snapshotIdentity(), hot);
    }

    private Machine bootToReady() throws SnapshotException, ImageFormatException {
        ConsoleOutput shown = (data, offset, length) -> { };
        LongSupplier buildTime = () -> InstructionClock.BOOT_UNIX_NANOS;
        ImageFileSystem fs = ImageFileSystem.create(indexes, source, buildTime);
        MachineConfig base = MachineConfig.deterministic(shown).withBootargs(SNAPSHOT_BOOTARGS);
        InitHandshake handshake = new InitHandshake(fs, "", buildTime, base.entropy(), shown);
        Machine machine = new Machine(new MachineConfig(base.ramBytes(), base.bootargs(), base.clock(), handshake,
                base.rngSeed(), base.entropy()));
        handshake.attach(machine);
        machine.attach(new Virtio9p(fs));
        machine.bootKernel(KernelImage.load());
        long executed = 0;
        while (!handshake.readySeen()) {
            if (machine.halted() || executed >= SNAPSHOT_BOOT_BUDGET) {
                throw new SnapshotException(image.description() + ": init did not announce it was ready within "
                        + executed + " instructions" + (machine.halted() ? " (the machine powered off)" : ""));
            }
            executed += machine.run(SNAPSHOT_SLICE);
        }
        return machine;
    }

    /**
     * A new machine resumed from {@code snapshot} (raw bytes from {@link #snapshot}), running the
     * handshake from the ready marker: init.conf gets {@code initConf} with the time from
     * {@code clockNanos} and a seed from the config's entropy.
     *
     * @throws SnapshotException if the snapshot does not belong to this image, kernel and emulator, or is damaged
     * @throws ImageFormatException if the image blocks {@code /.termpress}
     */
    public BootedImage resume(byte[] snapshot, String initConf, MachineConfig config, LongSupplier clockNanos)
            throws SnapshotException, ImageFormatException {
        return resume(snapshot, null, initConf, config, clockNanos);
    }

    /**
     * The same from a split snapshot's two parts ({@link #splitSnapshot}, raw), both applied before the guest
     * runs; {@code cold} null for a whole snapshot.
     *
     * @throws SnapshotException also when the first part leaves pages out and {@code cold} does not bring them
     */
    public BootedImage resume(byte[] snapshot, byte[] cold, String initConf, MachineConfig config, LongSupplier clockNanos)
            throws SnapshotException, ImageFormatException {
        BootedImage resumed = assemble(initConf, config, clockNanos);
        MachineSnapshot.restore(resumed.machine(), snapshot, snapshotIdentity());
        if (cold != null || resumed.machine().ram().absentPages() > 0) {
            if (cold == null) {
                throw new SnapshotException("its second part is missing");
            }
            ColdPages.apply(resumed.machine().ram(), cold);
        }
        resumed.handshake().resumeAtReady();
        return resumed;
    }

    /**
     * A machine resumed from a split snapshot's first part alone, as the browser starts one: the cold pages
     * are absent until the caller applies the second part ({@code ColdPages.apply}); until then the guest
     * stops before any access to them ({@code Machine.waitingForPages}).
     */
    BootedImage resumeFirstPart(byte[] first, String initConf, MachineConfig config, LongSupplier clockNanos)
            throws SnapshotException, ImageFormatException {
        BootedImage resumed = assemble(initConf, config, clockNanos);
        MachineSnapshot.restore(resumed.machine(), first, snapshotIdentity());
        resumed.handshake().resumeAtReady();
        return resumed;
    }

    /**
     * Resumes from the snapshot {@code snapshot} loads, or boots cold when there is none
     * ({@code snapshot} null) or it cannot be used; then {@code notice} gets one line saying why.
     *
     * @param configs a fresh machine configuration per attempt (a failed restore may have moved its clock)
     */
    public BootedImage start(String initConf, Supplier<MachineConfig> configs, LongSupplier clockNanos,
            SnapshotSource snapshot, Consumer<String> notice) throws ImageFormatException {
        if (snapshot != null) {
            try {
                return resume(snapshot.load(), snapshot.cold(), initConf, configs.get(), clockNanos);
            } catch (SnapshotException e) {
                notice.accept("termpress: booting " + image.description() + " cold, its boot snapshot is unusable: "
                        + e.getMessage());
            }
        }
        return boot(initConf, configs.get(), clockNanos);
    }

    /** Where a boot snapshot comes from: the raw bytes, or an exception saying why there are none to use. */
    @FunctionalInterface
    public interface SnapshotSource {
        byte[] load() throws SnapshotException;

        /** A split snapshot's second part (raw), or null for a whole snapshot. */
        default byte[] cold() throws SnapshotException {
            return null;
        }
    }

    private static String kernelSha256() {
        try (InputStream in = KernelImage.class.getResourceAsStream(KernelImage.SHA256_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("kernel resource " + KernelImage.SHA256_RESOURCE + " is not on the classpath");
            }
            String line = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            int space = line.indexOf(' ');
            return space < 0 ? line : line.substring(0, space);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + KernelImage.SHA256_RESOURCE, e);
        }
    }
}
