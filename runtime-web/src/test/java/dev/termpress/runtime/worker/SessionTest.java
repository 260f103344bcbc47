package dev.termpress.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.OnDemandLayerSource;
import dev.termpress.emulator.fs.TarInput;
import dev.termpress.emulator.kernel.KernelImage;
import dev.termpress.runtime.boot.BlockOptions;
import dev.termpress.emulator.guest.ContainerSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker's session logic on the JVM: the example busybox image boots through {@link Session} with
 * the block's settings applied, the slices hand control back, and input and resizes reach the guest.
 */
class SessionTest {

    private static final Path BUSYBOX_BLOBS = Path.of("../content-examples/images/busybox/blobs/sha256");
    /** The busybox image's own settings, as the worker gets them from its config. */
    static final ContainerSettings BUSYBOX = new ContainerSettings(
            List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), "/root", null, null,
            List.of("/bin/sh"));
    private static final int MAX_TICKS = 2_000;

    private static byte[] kernel;
    private static byte[] layer;

    @BeforeAll
    static void load() throws IOException {
        kernel = KernelImage.load();
        layer = busyboxLayerTar();
    }

    @Test
    void blockSettingsReachTheShell() throws Exception {
        FakeHost host = new FakeHost();
        int[] fetches = {0};
        OnDemandLayerSource[] source = new OnDemandLayerSource[1];
        source[0] = new OnDemandLayerSource(1, n -> {
            fetches[0]++;
            source[0].supply(n, layer);
        });
        BlockOptions block = new BlockOptions("/tmp", null, "reader-box", List.of("NAME=reader"), 16L << 20);
        Session session = Session.boot(new SessionSpec(kernel, List.of(LayerIndex.build(TarInput.of(layer))),
                source[0], BUSYBOX, block, 100, 30), MachineConfig.deterministic((d, o, l) -> { }), host);

        runUntil(session, host, " # ");
        session.input("pwd; echo hi-$NAME; hostname; stat -f -c layer-blocks=%b /; stty size\n"
                .getBytes(StandardCharsets.UTF_8));
        runUntil(session, host, "30 100");
        session.resize(120, 40);
        session.input("stty size\n".getBytes(StandardCharsets.UTF_8));
        runUntil(session, host, "40 120");

        assertThat(host.text()).contains("/tmp\r\n").contains("hi-reader").contains("reader-box\r\n")
                .as("the image's writable-layer limit, 16 MiB in 4 KiB blocks").contains("layer-blocks=4096\r\n")
                .doesNotContain("/root").as("the handshake's markers are not shown").doesNotContain("\033]5379");
        assertThat(fetches[0]).as("the layer was fetched once, when first read").isEqualTo(1);
        assertThat(host.outputMessages).as("output arrives in batches, not byte by byte")
                .isLessThan(host.text().length() / 4);

        session.input("exit 5\n".getBytes(StandardCharsets.UTF_8));
        runUntil(session, host, "powering off");
        assertThat(host.exitCode).as("the shell's exit status").isEqualTo(5);
        assertThat(session.finished()).isTrue();
    }

    @Test
    void aFloodWaitsForThePageToDrawItsOutput() throws Exception {
        FakeHost host = new FakeHost();
        BlockOptions block = new BlockOptions("/tmp", null, null, List.of(), 0);
        Session session = Session.boot(new SessionSpec(kernel, List.of(LayerIndex.build(TarInput.of(layer))),
                prefetched(), BUSYBOX, block, 80, 24), MachineConfig.deterministic((d, o, l) -> { }), host);
        runUntil(session, host, " # ");

        host.slowPage = true;
        int drawn = host.outputMessages;
        session.input("yes\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 200 && (host.soon || host.timerMillis >= 0); i++) {
            tickOrSleep(session, host);
        }
        // Before: every slice posted another output whatever the page had drawn, without bound.
        assertThat(host.outputMessages - drawn).as("outputs the page has not drawn")
                .isEqualTo(Session.MAX_OUTPUTS_UNSHOWN);
        long paused = session.instructions();
        session.tick();
        assertThat(session.instructions()).as("the guest waits for the terminal").isEqualTo(paused);

        session.outputShown();
        assertThat(host.soon).as("a drawn output wakes the guest").isTrue();
        host.soon = false;
        session.tick();
        assertThat(session.instructions()).isGreaterThan(paused);
        assertThat(host.outputMessages - drawn).isEqualTo(Session.MAX_OUTPUTS_UNSHOWN + 1);

        host.slowPage = false;
        for (int i = 0; i < Session.MAX_OUTPUTS_UNSHOWN; i++) {
            session.outputShown(); // the page catches up
        }
        session.input(new byte[] {3}); // Ctrl-C
        runUntil(session, host, " # ");
    }

    @Test
    void idleGuestSleepsUntilItsTimerOrInput() throws Exception {
        FakeHost host = new FakeHost();
        Session session = Session.boot(new SessionSpec(kernel, List.of(LayerIndex.build(TarInput.of(layer))),
                prefetched(), BUSYBOX, BlockOptions.NONE, 80, 24),
                MachineConfig.deterministic((d, o, l) -> { }).withClock(host), host);
        runUntil(session, host, " # ");
        for (int i = 0; i < 50 && host.soon; i++) {
            host.soon = false;
            session.tick();
        }
        assertThat(host.soon).as("a shell waiting for a key needs no slice at once").isFalse();
        assertThat(host.timerMillis).as("only a timer: exactly the guest's own, or none")
                .isEqualTo(session.idleSleepMillis());

        session.input("echo woken\n".getBytes(StandardCharsets.UTF_8));
        assertThat(host.soon).as("input schedules a slice").isTrue();
        assertThat(host.timerMillis).as("and drops the sleep").isNegative();
        runUntil(session, host, "woken\r\n");

        session.stop();
        host.soon = false;
        session.input("echo late\n".getBytes(StandardCharsets.UTF_8));
        assertThat(host.soon).as("a stopped session schedules nothing").isFalse();
    }

    @Test
    void layerArrivingLaterAnswersTheWaitingReadsOfAnotherUser() throws Exception {
        FakeHost host = new FakeHost();
        int[] fetches = {0};
        OnDemandLayerSource source = new OnDemandLayerSource(1, n -> fetches[0]++);
        BlockOptions block = new BlockOptions("/srv", "nobody", null, List.of("GREETING=hello"));
        Session session = Session.boot(new SessionSpec(kernel, List.of(LayerIndex.build(TarInput.of(layer))),
                source, BUSYBOX, block, 80, 24), MachineConfig.deterministic((d, o, l) -> { }).withClock(host), host);

        for (int i = 0; i < 200 && fetches[0] == 0; i++) {
            tickOrSleep(session, host);
        }
        assertThat(fetches[0]).as("the first read of a file asked for the layer").isEqualTo(1);
        for (int i = 0; i < 20; i++) {
            tickOrSleep(session, host); // the guest goes on (or idles) while the download runs
        }
        source.supply(0, layer);
        session.wake();
        runUntil(session, host, " $ ");
        session.input("echo \"$GREETING from $(pwd) as $(id -un)\"\n".getBytes(StandardCharsets.UTF_8));
        runUntil(session, host, "hello from /srv as nobody");
        assertThat(fetches[0]).isEqualTo(1);
    }

    private static void tickOrSleep(Session session, FakeHost host) {
        if (host.soon) {
            host.soon = false;
        } else if (host.timerMillis >= 0) {
            host.sleep();
        } else {
            return;
        }
        session.tick();
    }

    private static OnDemandLayerSource prefetched() {
        OnDemandLayerSource source = new OnDemandLayerSource(1, n -> {
            throw new AssertionError("a supplied layer is never fetched");
        });
        source.supply(0, layer);
        return source;
    }

    /** Runs the slices the session asks for until the console shows {@code expected}. */
    static void runUntil(Session session, FakeHost host, String expected) {
        int from = host.text().length();
        for (int ticks = 0; ticks < MAX_TICKS && !host.text().substring(from).contains(expected); ticks++) {
            if (!host.turn(session)) {
                break; // nothing would wake the guest
            }
        }
        assertThat(host.text().substring(from)).as("console waiting for %s", expected).contains(expected);
    }

    /** The example busybox image's one layer, uncompressed. */
    static byte[] busyboxLayer() throws IOException {
        return busyboxLayerTar();
    }

    private static byte[] busyboxLayerTar() throws IOException {
        try (var blobs = Files.list(BUSYBOX_BLOBS)) {
            for (Path blob : (Iterable<Path>) blobs::iterator) {
                byte[] bytes = Files.readAllBytes(blob);
                if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                        return in.readAllBytes();
                    }
                }
            }
        }
        throw new IllegalStateException("no gzip layer in " + BUSYBOX_BLOBS.toAbsolutePath());
    }
}
