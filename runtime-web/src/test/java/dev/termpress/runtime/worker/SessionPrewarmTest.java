package dev.termpress.runtime.worker;

import static dev.termpress.runtime.worker.SessionResumeTest.BOOTARGS;
import static dev.termpress.runtime.worker.SessionResumeTest.BUSYBOX;
import static dev.termpress.runtime.worker.SessionResumeTest.IDENTITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.OnDemandLayerSource;
import dev.termpress.emulator.guest.GuestFile;
import dev.termpress.emulator.guest.GuestFiles;
import dev.termpress.runtime.boot.BlockOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A prewarmed session ({@link Session#prepareUnconfigured}, resumed when its block scrolled into view): it waits
 * without running until {@link Session#configure} hands it the block's settings at the click, and the page's
 * files written after that are what the shell reads, in the worker's order.
 */
class SessionPrewarmTest {

    @BeforeAll
    static void makeSnapshot() throws Exception {
        SessionResumeTest.makeSnapshot();
    }

    private static Session prewarmed(FakeHost host, long upperLimit) throws Exception {
        OnDemandLayerSource source = new OnDemandLayerSource(1, n -> { });
        source.supply(0, SessionResumeTest.layer);
        MachineConfig base = MachineConfig.deterministic((d, o, l) -> { }).withBootargs(BOOTARGS).withClock(host);
        // The prewarm knows only the image: no size, no block settings, the image's writable-layer limit.
        SessionSpec spec = new SessionSpec(null, List.of(SessionResumeTest.index), source, BUSYBOX,
                new BlockOptions(null, null, null, List.of(), upperLimit), 0, 0);
        return Session.prepareUnconfigured(spec, base, host, new Ram(base.ramBytes()));
    }

    @Test
    void aResumedPrewarmWaitsForItsBlockThenRunsWithTheBlocksSettingsAndFiles() throws Exception {
        FakeHost host = new FakeHost();
        Session session = prewarmed(host, ImageFileSystem.DEFAULT_UPPER_LIMIT);
        session.resumeFrom(SessionResumeTest.snapshot, IDENTITY);

        assertThat(host.soon).as("a prewarmed machine asks for no slice").isFalse();
        session.tick();
        assertThat(session.instructions()).as("nor runs when ticked").isZero();
        assertThat(session.configured()).isFalse();

        session.configure(new BlockOptions("/workspace", "nobody", "warm-box", List.of("GREETING=hi")), 88, 27);
        GuestFiles.install(session.fileSystem(), List.of(
                new GuestFile("/workspace/notes.txt", "from the page\n".getBytes(StandardCharsets.UTF_8), 0644)));
        assertThat(host.soon).as("configured: it runs").isTrue();

        SessionTest.runUntil(session, host, " $ ");
        session.input("cat notes.txt; echo \"$GREETING $(pwd) $(id -un) $(hostname)\"; stty size\n"
                .getBytes(StandardCharsets.UTF_8));
        SessionTest.runUntil(session, host, "27 88");
        assertThat(host.text()).contains("from the page").contains("hi /workspace nobody warm-box")
                .doesNotContain("\033]5379");
    }

    @Test
    void aPreparedPrewarmBootsItsKernelOnlyOnceConfigured() throws Exception {
        FakeHost host = new FakeHost();
        Session session = prewarmed(host, ImageFileSystem.DEFAULT_UPPER_LIMIT);

        assertThatThrownBy(() -> session.bootKernel(new byte[16])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("configure");
        assertThat(host.soon).isFalse();
    }

    @Test
    void configureIsOnceAndKeepsTheWritableLayerThePrewarmMade() throws Exception {
        FakeHost host = new FakeHost();
        Session session = prewarmed(host, 32L << 20);

        assertThatThrownBy(() -> session.configure(BlockOptions.NONE, 80, 24))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("writable layer");
        session.configure(new BlockOptions(null, null, null, List.of(), 32L << 20), 80, 24);
        assertThatThrownBy(() -> session.configure(new BlockOptions(null, null, null, List.of(), 32L << 20), 80, 24))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
    }
}
