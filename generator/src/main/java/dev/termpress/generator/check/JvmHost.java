package dev.termpress.generator.check;

import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.host.InstructionClock;
import dev.termpress.emulator.guest.GuestOverrides;
import dev.termpress.emulator.guest.GuestFiles;
import dev.termpress.emulator.guest.InitConf;
import dev.termpress.emulator.net.jvm.SocketBackend;
import dev.termpress.generator.build.SiteReader.Demo;
import dev.termpress.generator.image.ImageException;
import dev.termpress.generator.image.ImageSpec;
import dev.termpress.generator.image.LocalImageLoader;
import dev.termpress.generator.markdown.DemoBlock;
import dev.termpress.generator.markdown.PageFile;
import dev.termpress.generator.vm.BootSnapshots;
import dev.termpress.generator.vm.BootedImage;
import dev.termpress.generator.vm.PreparedImage;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs demo blocks on the JVM emulator with the deterministic clock. A machine runs the next block
 * too when that block has the same image and settings and every block run on it so far left no
 * trace ({@link ReusePolicy}); otherwise the next block boots afresh.
 */
final class JvmHost implements DemoHost {

    /** Fixed guest wall time for files the guest changes, so runs are reproducible: the RTC's boot date. */
    private static final long GUEST_EPOCH_NANOS = InstructionClock.BOOT_UNIX_NANOS;
    /** Instruction budgets, far above need: a cold busybox boot to its prompt takes about 21 M, Debian's a few hundred M. */
    private static final long BOOT_BUDGET = 4_000_000_000L;
    private static final long COMMAND_BUDGET = 4_000_000_000L;

    private final Map<ImageSpec, Object> images = new HashMap<>(); // PreparedImage or the load error's message
    private Booted current;
    /** The host sockets of the last machine booted with the network, closed when the next one boots. */
    private SocketBackend network;
    private int boots;

    /** A machine kept for the next block, with what it was booted for. */
    private record Booted(ImageSpec image, String key, ShellSession session, boolean reusable) {}

    /** A {@link ShellSession} with the command budget. */
    private record JvmShell(ShellSession session) implements DemoShell {

        @Override
        public String run(String command) {
            return session.run(command, COMMAND_BUDGET);
        }

        @Override
        public String failure() {
            return session.halted() ? "the shell exited (the machine powered off) before the next prompt"
                    : "no prompt after " + COMMAND_BUDGET + " instructions (a command that waits for input or never ends)";
        }

        @Override
        public String pendingOutput() {
            return session.pendingOutput();
        }
    }

    @Override
    public DemoShell open(Demo demo) throws NoShellException {
        DemoBlock block = demo.block();
        try {
            PreparedImage image = prepared(demo.image());
            // Blocks share a machine only with the same settings and files.
            String key = initConf(image, block) + filesKey(block);
            return new JvmShell(session(demo.image(), image, key, block));
        } catch (ImageException | ImageFormatException | IllegalArgumentException | IllegalStateException e) {
            throw new NoShellException("cannot boot image \"" + block.image() + "\": " + e.getMessage());
        }
    }

    @Override
    public void release(Demo demo, DemoShell shell, boolean healthy) {
        if (current == null) {
            return;
        }
        if (!healthy) {
            current = null;
        } else if (!ReusePolicy.leavesNoTrace(demo.block())) {
            current = new Booted(current.image(), current.key(), current.session(), false);
        }
    }

    @Override
    public int boots() {
        return boots;
    }

    /** A booted shell for the block: the kept one when it may be reused, else a fresh boot. */
    private ShellSession session(ImageSpec spec, PreparedImage image, String key, DemoBlock block)
            throws ImageFormatException, NoShellException {
        if (current != null && current.reusable() && current.image().equals(spec) && current.key().equals(key)
                && !current.session().halted()) {
            return current.session();
        }
        ConsoleCapture console = new ConsoleCapture();
        // Resumed from the boot snapshot a build publishes (the same bytes), unless the image turns snapshots off.
        if (network != null) {
            network.close();
            network = null;
        }
        BootedImage booted = image.start(initConf(image, block),
                () -> MachineConfig.deterministic(console::write),
                () -> GUEST_EPOCH_NANOS, spec.snapshot() ? BootSnapshots.of(image) : null, System.err::println);
        boots++;
        if (block.usesNetwork()) {
            network = booted.enableNetwork();
        }
        // The page's files, after the resume (or before the cold boot's first instruction), before init reads
        // its settings: the guest has never looked these names up (GuestFiles).
        GuestFiles.install(booted.fs(), block.files().stream().map(PageFile::guestFile).toList());
        ShellSession session = new ShellSession(booted.machine(), booted.handshake(), console);
        current = null;
        String failure = session.start(BOOT_BUDGET);
        if (failure != null) {
            throw new NoShellException(failure);
        }
        current = new Booted(spec, key, session, true);
        return session;
    }

    /** The block's init.conf: the image's settings, the block's overrides and, for network=true, eth0. */
    private static String initConf(PreparedImage image, DemoBlock block) {
        String conf = InitConf.render(image.image().settings(), overrides(block));
        return block.usesNetwork() ? InitConf.withNetwork(conf) : conf;
    }

    private PreparedImage prepared(ImageSpec spec) throws ImageException, ImageFormatException {
        Object cached = images.get(spec);
        if (cached == null) {
            try {
                cached = PreparedImage.of(LocalImageLoader.load(spec.source(), spec.reference()), spec.upperLimit());
            } catch (ImageException | ImageFormatException e) {
                cached = e.getMessage();
            }
            images.put(spec, cached);
        }
        if (cached instanceof String message) {
            throw new ImageException(message);
        }
        return (PreparedImage) cached;
    }

    /** What tells two blocks' files apart for reuse: their paths, modes and digests. */
    private static String filesKey(DemoBlock block) {
        StringBuilder key = new StringBuilder();
        for (PageFile file : block.files()) {
            key.append("\0").append(file.path()).append(' ').append(file.permissions()).append(' ').append(file.sha256());
        }
        return key.toString();
    }

    /** The block's settings; {@code PS1} is the marker so a shell that honours it needs no setup to be found. */
    private static GuestOverrides overrides(DemoBlock block) {
        return new GuestOverrides(block.hostname(), block.workdir(), block.user(), block.env(), 0, 0)
                .withEnv("PS1", ShellPrompt.MARKER);
    }
}
