package dev.termpress.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.fs.ByteArrayLayerSource;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.OnDemandLayerSource;
import dev.termpress.emulator.fs.TarInput;
import dev.termpress.emulator.guest.ContainerSettings;
import dev.termpress.emulator.guest.GuestFile;
import dev.termpress.emulator.guest.GuestFiles;
import dev.termpress.emulator.guest.InitHandshake;
import dev.termpress.emulator.host.InstructionClock;
import dev.termpress.emulator.kernel.KernelImage;
import dev.termpress.emulator.p9.Virtio9p;
import dev.termpress.emulator.snapshot.MachineSnapshot;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.SnapshotIdentity;
import dev.termpress.runtime.boot.BlockOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Session#resume} on the JVM: a boot snapshot made as {@code termpress build} makes it (the machine at
 * init's ready marker) resumes into a shell with this block's settings, and a damaged or foreign snapshot is
 * refused with a {@link SnapshotException} before the guest runs, which is the worker's cue to boot cold.
 */
class SessionResumeTest {

    static final ContainerSettings BUSYBOX = new ContainerSettings(
            List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), "/root", null, null,
            List.of("/bin/sh"));
    static final SnapshotIdentity IDENTITY = new SnapshotIdentity("k".repeat(64), "sha256:" + "1".repeat(64));
    static final String BOOTARGS = "console=hvc0 quiet";
    private static final int MAX_TICKS = 2_000;

    static byte[] layer;
    static LayerIndex index;
    static byte[] snapshot;

    @BeforeAll
    static void makeSnapshot() throws Exception {
        if (snapshot != null) {
            return; // made once for this class and SessionPrewarmTest
        }
        layer = SessionTest.busyboxLayer();
        index = LayerIndex.build(TarInput.of(layer));
        LongSupplier buildTime = () -> InstructionClock.BOOT_UNIX_NANOS;
        ImageFileSystem fs = ImageFileSystem.create(List.of(index), new ByteArrayLayerSource(List.of(layer)), buildTime);
        MachineConfig base = MachineConfig.deterministic((d, o, l) -> { }).withBootargs(BOOTARGS);
        InitHandshake handshake = new InitHandshake(fs, "", buildTime, base.entropy(), (d, o, l) -> { });
        Machine machine = new Machine(new MachineConfig(base.ramBytes(), base.bootargs(), base.clock(), handshake,
                base.rngSeed(), base.entropy()));
        handshake.attach(machine);
        machine.attach(new Virtio9p(fs));
        machine.bootKernel(KernelImage.load());
        for (long ran = 0; !handshake.readySeen(); ran += machine.run(5_000_000)) {
            assertThat(ran).as("instructions to init's ready marker").isLessThan(1_000_000_000L);
        }
        snapshot = MachineSnapshot.save(machine, IDENTITY);
    }

    private static SessionSpec spec(BlockOptions block, OnDemandLayerSource source) {
        return new SessionSpec(null, List.of(index), source, BUSYBOX, block, 90, 30);
    }

    @Test
    void aResumedSessionRunsTheBlocksShellWithItsSettings() throws Exception {
        FakeHost host = new FakeHost();
        OnDemandLayerSource source = new OnDemandLayerSource(1, n -> { });
        source.supply(0, layer);
        BlockOptions block = new BlockOptions("/srv", "nobody", "resumed-box", List.of("GREETING=hello"));
        Session session = Session.resume(spec(block, source),
                MachineConfig.deterministic((d, o, l) -> { }).withBootargs(BOOTARGS).withClock(host), host, snapshot,
                IDENTITY);

        SessionTest.runUntil(session, host, " $ ");
        session.input("echo \"$GREETING from $(pwd) as $(id -un) on $(hostname)\"; stty size\n"
                .getBytes(StandardCharsets.UTF_8));
        SessionTest.runUntil(session, host, "30 90");

        assertThat(host.text()).contains("hello from /srv as nobody on resumed-box").doesNotContain("\033]5379");
        assertThat(session.instructions()).as("from the ready marker to the prompt, far less than a boot")
                .isLessThan(15_000_000L);
    }

    @Test
    void aSizeGivenBeforeTheResumeReachesTheShell() throws Exception {
        // The page posts start with an estimated size and the fitted one once xterm.js exists, which can be
        // after the session was prepared (init.conf rendered with the estimate) and before it resumed.
        FakeHost host = new FakeHost();
        OnDemandLayerSource source = new OnDemandLayerSource(1, n -> { });
        source.supply(0, layer);
        Session session = Session.prepare(spec(BlockOptions.NONE, source),
                MachineConfig.deterministic((d, o, l) -> { }).withBootargs(BOOTARGS).withClock(host), host);
        session.resize(77, 21);
        session.resumeFrom(snapshot, IDENTITY);

        SessionTest.runUntil(session, host, "# ");
        session.input("stty size\n".getBytes(StandardCharsets.UTF_8));
        SessionTest.runUntil(session, host, "21 77");
    }

    @Test
    void pageFilesWrittenAfterTheResumeAreReadByTheShell() throws Exception {
        // WorkerMain's order: restore, write the page's files into the upper layer, then the first slice.
        FakeHost host = new FakeHost();
        OnDemandLayerSource source = new OnDemandLayerSource(1, n -> { });
        source.supply(0, layer);
        Session session = Session.prepare(spec(new BlockOptions("/workspace", null, null, List.of()), source),
                MachineConfig.deterministic((d, o, l) -> { }).withBootargs(BOOTARGS).withClock(host), host);
        session.resumeFrom(snapshot, IDENTITY);
        GuestFiles.install(session.fileSystem(), List.of(
                new GuestFile("/workspace/app.py", "print('from the page')\n".getBytes(StandardCharsets.UTF_8), 0644)));

        SessionTest.runUntil(session, host, "# ");
        session.input("cat app.py; echo end-$((6*7))\n".getBytes(StandardCharsets.UTF_8));
        SessionTest.runUntil(session, host, "end-42");
        assertThat(host.text()).contains("print('from the page')");
    }

    @Test
    void aDamagedSnapshotIsRefusedBeforeTheGuestRuns() {
        byte[] damaged = snapshot.clone();
        damaged[damaged.length / 2] ^= 0x40;
        FakeHost host = new FakeHost();

        assertThatThrownBy(() -> Session.resume(spec(BlockOptions.NONE, new OnDemandLayerSource(1, n -> { })),
                MachineConfig.deterministic((d, o, l) -> { }).withClock(host), host, damaged, IDENTITY))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("CRC-32");
        assertThat(host.soon).as("no slice was asked for").isFalse();
    }

    @Test
    void aSnapshotOfAnotherImageOrKernelIsRefused() {
        FakeHost host = new FakeHost();
        SnapshotIdentity otherImage = new SnapshotIdentity(IDENTITY.kernelSha256(), "sha256:" + "2".repeat(64));
        SnapshotIdentity otherKernel = new SnapshotIdentity("f".repeat(64), IDENTITY.imageDigest());

        assertThatThrownBy(() -> Session.resume(spec(BlockOptions.NONE, new OnDemandLayerSource(1, n -> { })),
                MachineConfig.deterministic((d, o, l) -> { }).withClock(host), host, snapshot, otherImage))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("image digest");
        assertThatThrownBy(() -> Session.resume(spec(BlockOptions.NONE, new OnDemandLayerSource(1, n -> { })),
                MachineConfig.deterministic((d, o, l) -> { }).withClock(host), host, snapshot, otherKernel))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("kernel sha256");
    }

    @Test
    void aTruncatedSnapshotIsRefused() {
        byte[] truncated = java.util.Arrays.copyOf(snapshot, snapshot.length / 3);
        FakeHost host = new FakeHost();

        assertThatThrownBy(() -> Session.resume(spec(BlockOptions.NONE, new OnDemandLayerSource(1, n -> { })),
                MachineConfig.deterministic((d, o, l) -> { }).withClock(host), host, truncated, IDENTITY))
                .isInstanceOf(SnapshotException.class);
    }
}
