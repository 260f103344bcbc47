package dev.termpress.generator.cli;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.host.WallClock;
import dev.termpress.emulator.net.jvm.SocketBackend;
import dev.termpress.generator.config.SiteConfig;
import dev.termpress.generator.config.SiteConfigLoader;
import dev.termpress.generator.registry.RegistryImages;
import dev.termpress.generator.config.UpperLimit;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.emulator.guest.GuestOverrides;
import dev.termpress.emulator.guest.InitConf;
import dev.termpress.generator.image.ImageException;
import dev.termpress.generator.image.ImageSpec;
import dev.termpress.generator.image.LocalImageLoader;
import dev.termpress.generator.vm.BootSnapshots;
import dev.termpress.generator.vm.BootedImage;
import dev.termpress.generator.vm.InteractiveSession;
import dev.termpress.generator.vm.PreparedImage;
import dev.termpress.generator.vm.RawTerminal;
import dev.termpress.generator.vm.WallClockMachines;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code termpress run}: an interactive shell in an image, on the JVM emulator, in this terminal. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Boot an image on the built-in RISC-V emulator and attach this terminal to its shell.",
                "Ctrl-] detaches; 'exit' in the shell powers the machine off and ends the command with its status."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMAGE",
            description = "An image name from the site's termpress.yaml, or the path of an OCI image layout,"
                    + " oci-archive tar or docker save tar.")
    String image;

    @Option(names = "--site", paramLabel = "DIR",
            description = "The site whose termpress.yaml names IMAGE. Default: the current directory, if IMAGE is not a path.")
    Path site;

    @Mixin
    ImageOptions images;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory (default: the image's).")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]", description = "User (default: the image's).")
    String user;

    @Option(names = "--hostname", paramLabel = "NAME",
            description = "The guest's hostname (default: the image's hostname in termpress.yaml, else termpress).")
    String hostname;

    @Option(names = "--upper-limit", paramLabel = "SIZE",
            description = "Bytes the writable layer may hold, e.g. 64M or 1G; writes past it fail with 'No space left"
                    + " on device' (default: the image's upper-limit in termpress.yaml, else 256M).")
    String upperLimit;

    @Option(names = "--network",
            description = "Let the guest reach the outside network: TCP and DNS through this machine's sockets and"
                    + " resolver; host.termpress.internal (10.0.2.2) is this machine's 127.0.0.1 (default: the image's"
                    + " network: in termpress.yaml, else off).")
    boolean network;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE", description = "An environment variable (repeatable).")
    Map<String, String> env = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PreparedImage prepared;
        String initConf;
        boolean snapshot;
        boolean networkOn;
        int[] size = RawTerminal.size();
        try {
            ImageSpec imageSpec = resolve();
            snapshot = imageSpec.snapshot();
            long limit = upperLimit != null ? parseUpperLimit(upperLimit) : imageSpec.upperLimit();
            prepared = PreparedImage.of(LocalImageLoader.load(imageSpec.source(), imageSpec.reference()), limit);
            GuestOverrides overrides = new GuestOverrides(hostname != null ? hostname : imageSpec.hostname(), workdir,
                    user, env, 0, 0);
            if (size != null) {
                overrides = overrides.withWinsize(size[0], size[1]);
            }
            initConf = InitConf.render(prepared.image().settings(), overrides);
            networkOn = network || imageSpec.network();
            if (networkOn) {
                initConf = InitConf.withNetwork(initConf);
            }
        } catch (BuildException e) {
            return Terminal.report(e, err);
        } catch (ImageException | ImageFormatException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 65536);
        WallClock[] clocks = new WallClock[1]; // the clock of the machine that runs (a failed resume's is dropped)
        BootedImage booted;
        try {
            // The boot snapshot is made in this process (a build's cache is not kept between runs yet).
            booted = prepared.start(initConf, () -> {
                clocks[0] = new WallClock();
                return WallClockMachines.config(clocks[0], (data, offset, length) -> write(out, data, offset, length));
            }, () -> System.currentTimeMillis() * 1_000_000L, snapshot ? BootSnapshots.of(prepared) : null,
                    line -> System.err.println(line));
        } catch (ImageFormatException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        Machine machine = booted.machine();
        SocketBackend hostNetwork = networkOn ? booted.enableNetwork() : null;
        if (size != null) {
            machine.console().resize(size[0], size[1]);
        }
        RawTerminal terminal = RawTerminal.enter();
        Thread restoreOnExit = new Thread(() -> {
            if (terminal != null) {
                terminal.restore();
            }
        });
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
        try {
            WallClock clock = clocks[0];
            InteractiveSession session = new InteractiveSession(booted, () -> clock.ticks(0), () -> flush(out));
            if (hostNetwork != null) {
                hostNetwork.onEvent(session::wakeUp);
            }
            WindowChanges.watch(() -> session.onMachineThread(() -> {
                int[] now = RawTerminal.size();
                if (now != null) {
                    machine.console().resize(now[0], now[1]);
                }
            }));
            session.readFrom(System.in);
            InteractiveSession.Outcome outcome = session.run();
            flush(out);
            if (outcome == InteractiveSession.Outcome.DETACHED) {
                System.err.print("\r\ntermpress: detached; the machine was stopped\r\n");
                return ExitCodes.OK;
            }
            // Like docker run: the program's own status, else the machine's (a failed guest is 1).
            return outcome == InteractiveSession.Outcome.POWERED_OFF
                    ? booted.exitStatus().orElse(machine.exitCode()) : ExitCodes.OK;
        } finally {
            if (hostNetwork != null) {
                hostNetwork.close();
            }
            if (terminal != null) {
                terminal.restore();
            }
        }
    }

    private static long parseUpperLimit(String text) {
        try {
            return UpperLimit.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--upper-limit: " + e.getMessage(), e);
        }
    }

    private ImageSpec resolve() throws BuildException, ImageException {
        Path asPath = Path.of(image);
        if (site == null && Files.exists(asPath)) {
            if (images.any()) {
                throw new ImageException("--offline and --update-images are for registry images named in a site's "
                        + SiteConfig.FILE_NAME + "; " + image + " is a file");
            }
            return new ImageSpec(asPath.getFileName().toString(), asPath.toAbsolutePath().normalize(), null, null, 0);
        }
        Path siteDir = site != null ? site : Path.of(".");
        if (!Files.isRegularFile(siteDir.resolve(SiteConfig.FILE_NAME))) {
            throw new ImageException(image + ": no such file or directory, and " + siteDir.toAbsolutePath().normalize()
                    + " has no " + SiteConfig.FILE_NAME + " to name images; pass a path to an OCI image layout or"
                    + " archive, or --site DIR");
        }
        Path absolute = siteDir.toAbsolutePath().normalize();
        SiteConfig config = new RegistryImages(images.settings(spec.commandLine().getErr()), status -> {})
                .resolve(SiteConfigLoader.load(absolute), absolute);
        Optional<ImageSpec> found = config.image(image);
        if (found.isEmpty()) {
            throw new ImageException(siteDir.resolve(SiteConfig.FILE_NAME) + ": no image named \"" + image
                    + "\"; the images are " + config.imageNames());
        }
        return found.get();
    }

    private static void write(OutputStream out, byte[] data, int offset, int length) {
        try {
            out.write(data, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flush(OutputStream out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
