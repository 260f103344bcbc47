package dev.termpress.generator.check;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.host.InstructionClock;
import dev.termpress.generator.build.SiteReader.Demo;
import dev.termpress.emulator.guest.GuestOverrides;
import dev.termpress.emulator.guest.InitConf;
import dev.termpress.generator.image.ImageException;
import dev.termpress.generator.image.ImageSpec;
import dev.termpress.generator.image.LocalImageLoader;
import dev.termpress.generator.markdown.DemoBlock;
import dev.termpress.generator.vm.PreparedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs demo blocks like doctests: boots each block's image on the JVM emulator with the
 * deterministic clock, types its commands and compares their output ({@link OutputMatcher}).
 * A machine runs the next block too when that block has the same image and settings and every
 * block run on it so far left no trace ({@link ReusePolicy}); otherwise the next block boots afresh.
 */
public final class DemoChecker {

    /** Fixed guest wall time for files the guest changes, so runs are reproducible: the RTC's boot date. */
    private static final long GUEST_EPOCH_NANOS = InstructionClock.BOOT_UNIX_NANOS;
    /** Instruction budgets: the busybox prompt takes about 60 M, Debian's a few hundred M. */
    static final long BOOT_BUDGET = 4_000_000_000L;
    static final long COMMAND_BUDGET = 4_000_000_000L;

    private final CheckProgress progress;
    private final Map<ImageSpec, Object> images = new HashMap<>(); // PreparedImage or the load error's message
    private Booted current;
    private int boots;

    /** A machine kept for the next block, with what it was booted for. */
    private record Booted(ImageSpec image, String initConf, ShellSession session, boolean reusable) {}

    public DemoChecker(CheckProgress progress) {
        this.progress = progress;
    }

    /** Checks every block, in order. */
    public CheckReport check(List<Demo> demos) {
        long start = System.nanoTime();
        List<Mismatch> mismatches = new ArrayList<>();
        int blocks = 0;
        int commands = 0;
        for (int i = 0; i < demos.size(); i++) {
            Demo demo = demos.get(i);
            if (demo.block().steps().isEmpty()) {
                continue; // a plain terminal: nothing to compare
            }
            progress.block(i, demos.size(), demo);
            blocks++;
            commands += demo.block().steps().size();
            mismatches.addAll(checkBlock(demo));
            afterBlock(demo.block());
        }
        current = null;
        return new CheckReport(blocks, commands, boots, mismatches, (System.nanoTime() - start) / 1_000_000L);
    }

    private List<Mismatch> checkBlock(Demo demo) {
        DemoBlock block = demo.block();
        List<Mismatch> found = new ArrayList<>();
        String initConf;
        ShellSession session;
        try {
            PreparedImage image = prepared(demo.image());
            initConf = InitConf.render(image.image().settings(), overrides(block));
            session = session(demo.image(), image, initConf);
        } catch (ImageException | ImageFormatException | IllegalArgumentException e) {
            found.add(whole(block, "cannot boot image \"" + block.image() + "\": " + e.getMessage()));
            return found;
        }
        if (session == null) {
            found.add(whole(block, "the shell did not reach a prompt within " + BOOT_BUDGET
                    + " instructions; console:\n" + current.session().transcript()));
            current = null;
            return found;
        }
        for (DemoBlock.Step step : block.steps()) {
            String actual = session.run(step.command(), COMMAND_BUDGET);
            if (actual == null) {
                String why = session.halted() ? "the shell exited (the machine powered off) before the next prompt"
                        : "no prompt after " + COMMAND_BUDGET + " instructions (a command that waits for input or never ends)";
                found.add(new Mismatch(block.file(), step.line(), step.command(), step.output(),
                        session.pendingOutput(), why));
                current = null;
                return found; // the rest of the block would run in an unknown state
            }
            if (!OutputMatcher.matches(step.output(), actual)) {
                found.add(new Mismatch(block.file(), step.line(), step.command(), step.output(), actual, null));
            }
        }
        return found;
    }

    /** A booted shell for the block: the kept one when it may be reused, else a fresh boot. */
    private ShellSession session(ImageSpec spec, PreparedImage image, String initConf) throws ImageFormatException {
        if (current != null && current.reusable() && current.image().equals(spec) && current.initConf().equals(initConf)
                && !current.session().halted()) {
            return current.session();
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = image.boot(initConf, MachineConfig.deterministic(console::write), () -> GUEST_EPOCH_NANOS);
        boots++;
        ShellSession session = new ShellSession(machine, console);
        current = new Booted(spec, initConf, session, true);
        return session.start(BOOT_BUDGET) ? session : null;
    }

    private PreparedImage prepared(ImageSpec spec) throws ImageException, ImageFormatException {
        Object cached = images.get(spec);
        if (cached == null) {
            try {
                cached = PreparedImage.of(LocalImageLoader.load(spec.source(), spec.reference()));
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

    /** The block's settings; {@code PS1} is the marker so a shell that honours it needs no setup to be found. */
    static GuestOverrides overrides(DemoBlock block) {
        return new GuestOverrides(null, block.workdir(), block.user(), block.env(), 0, 0)
                .withEnv("PS1", ShellSession.PROMPT);
    }

    private static Mismatch whole(DemoBlock block, String problem) {
        DemoBlock.Step first = block.steps().get(0);
        return new Mismatch(block.file(), block.line(), first.command(), first.output(), null, problem);
    }

    /** Records whether the block just run keeps its machine reusable. */
    private void afterBlock(DemoBlock block) {
        if (current != null && !ReusePolicy.leavesNoTrace(block)) {
            current = new Booted(current.image(), current.initConf(), current.session(), false);
        }
    }
}
