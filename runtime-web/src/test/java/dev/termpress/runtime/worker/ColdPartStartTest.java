package dev.termpress.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.fs.ByteArrayLayerSource;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.OnDemandLayerSource;
import dev.termpress.emulator.host.InstructionClock;
import dev.termpress.emulator.p9.Virtio9p;
import dev.termpress.emulator.snapshot.MachineSnapshot;
import dev.termpress.runtime.boot.BlockOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When a machine resumed from a split boot snapshot's first part asks for the second ({@link ColdPart}): not
 * while it still fetches what the prompt needs (its layer here), but once its prompt is shown to a reader (a
 * prewarm's rehearsal is seen by nobody), or at once when the guest stops before a page of the second part,
 * which it then gets and goes on with.
 */
class ColdPartStartTest {

    private static final int MAX_TICKS = 4_000;
    private static final String PROMPT = "# ";

    /** Hot pages up to the shown prompt, as the build records them. */
    private static MachineSnapshot.Split split;
    /** Hot pages only up to the shell's layer request: the guest stops before a cold page on its way on. */
    private static MachineSnapshot.Split untilLayer;

    @BeforeAll
    static void splitTheBootSnapshot() throws Exception {
        SessionResumeTest.makeSnapshot();
        split = MachineSnapshot.saveSplit(restored(), SessionResumeTest.IDENTITY,
                hotPages(guest -> atPrompt(guest.host.text()) && !guest.host.soon));
        untilLayer = MachineSnapshot.saveSplit(restored(), SessionResumeTest.IDENTITY, hotPages(guest -> guest.layerRequested));
    }

    @BeforeEach
    @AfterEach
    void freshColdPart() {
        ColdPart.reset();
    }

    @Test
    void theSecondPartIsRequestedOnlyOnceThePromptIsShown() throws Exception {
        Guest guest = new Guest(split.first());
        String[] shownAtRequest = {null};
        ColdPart.shared().fetchWith(() -> shownAtRequest[0] = guest.host.text());

        guest.runUntil(() -> ColdPart.shared().requested());

        assertThat(guest.layerRequested).as("the shell's layer was fetched on the way").isTrue();
        assertThat(atPrompt(shownAtRequest[0])).as("the console when the second part was requested:%n%s",
                shownAtRequest[0]).isTrue();
    }

    @Test
    void aRehearsalsPromptSeenByNobodyRequestsNothing() throws Exception {
        FakeHost scheduler = new FakeHost();
        OnDemandLayerSource source = new OnDemandLayerSource(1, n -> { });
        source.supply(0, SessionResumeTest.layer);
        Rehearsal rehearsal = new Rehearsal(scheduler, () -> false, () -> { });
        SessionSpec spec = new SessionSpec(null, List.of(SessionResumeTest.index), source, SessionResumeTest.BUSYBOX,
                BlockOptions.NONE, 0, 0);
        Session rehearsed = Session.prepareUnconfigured(spec, MachineConfig.deterministic((d, o, l) -> { })
                .withBootargs(SessionResumeTest.BOOTARGS).withClock(scheduler), rehearsal,
                new Ram(MachineConfig.DEFAULT_RAM_BYTES));
        rehearsed.resumeFrom(split.first(), SessionResumeTest.IDENTITY);
        ColdPart.shared().fetchWith(() -> { });
        rehearsal.begin(rehearsed, BlockOptions.NONE);

        for (int ticks = 0; ticks < MAX_TICKS && !rehearsal.over() && (scheduler.soon || scheduler.timerMillis >= 0);
                ticks++) {
            if (scheduler.soon) {
                scheduler.soon = false;
            } else {
                scheduler.sleep();
            }
            rehearsal.tick();
        }

        assertThat(rehearsal.ending()).isEqualTo("prompt");
        assertThat(ColdPart.shared().requested()).as("a reader who never clicks never needs the rest").isFalse();
    }

    @Test
    void aGuestThatStopsBeforeAnAbsentPageGetsItAndGoesOn() throws Exception {
        Guest guest = new Guest(untilLayer.first());
        boolean[] requested = {false};
        String[] shownAtRequest = {null};
        ColdPart.shared().fetchWith(() -> {
            requested[0] = true;
            shownAtRequest[0] = guest.host.text();
        });

        guest.runUntil(() -> requested[0]);
        assertThat(ColdPart.shared().awaited()).as("the guest stopped before a page of it").isTrue();
        assertThat(atPrompt(shownAtRequest[0])).as("requested before the prompt:%n%s", shownAtRequest[0]).isFalse();
        ColdPart.shared().arrived(untilLayer.cold()); // as the loader does once it is verified and inflated

        guest.runUntil(() -> atPrompt(guest.host.text()));
        guest.session.input("echo done-$((6*7))\n".getBytes(StandardCharsets.UTF_8));
        guest.runUntil(() -> guest.host.text().contains("done-42"));
    }

    /** The console ends with the shell's prompt, terminal control sequences aside. */
    private static boolean atPrompt(String console) {
        String text = console.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "")
                .replaceAll("\u001b\\][^\u0007\u001b]*(\u0007|\u001b\\\\)", "");
        return text.endsWith(PROMPT);
    }

    /** A session resumed from {@code first} over a layer that arrives only after the guest asked and idled. */
    private static final class Guest {
        final FakeHost host = new FakeHost();
        final OnDemandLayerSource source;
        final Session session;
        boolean layerRequested;
        private boolean layerSupplied;

        Guest(byte[] first) throws Exception {
            this(first, new Ram(MachineConfig.DEFAULT_RAM_BYTES));
        }

        Guest(byte[] first, Ram ram) throws Exception {
            source = new OnDemandLayerSource(1, n -> layerRequested = true);
            host.readsWaiting = () -> layerRequested && !layerSupplied;
            SessionSpec spec = new SessionSpec(null, List.of(SessionResumeTest.index), source, SessionResumeTest.BUSYBOX,
                    BlockOptions.NONE, 80, 24);
            session = Session.prepare(spec, MachineConfig.deterministic((d, o, l) -> { })
                    .withBootargs(SessionResumeTest.BOOTARGS).withClock(host), host, ram);
            session.resumeFrom(first, SessionResumeTest.IDENTITY);
        }

        /** Runs slices, handing over the layer when the guest waits for it, until {@code done} or nothing wakes it. */
        void runUntil(java.util.function.BooleanSupplier done) {
            for (int ticks = 0; ticks < MAX_TICKS && !done.getAsBoolean(); ticks++) {
                if (!host.soon && layerRequested && !layerSupplied) {
                    layerSupplied = true; // the fetch "completes" while the guest waits for it
                    source.supply(0, SessionResumeTest.layer);
                    session.wake();
                }
                if (!host.turn(session)) {
                    break; // nothing would wake the guest
                }
            }
            assertThat(done.getAsBoolean()).as("after %d instructions, console:%n%s", session.instructions(),
                    host.text().replace("\u001b", "ESC")).isTrue();
        }
    }

    /** The pages a resume of the whole snapshot touches until {@code until}, as the build records them. */
    private static int[] hotPages(java.util.function.Predicate<Guest> until) throws Exception {
        Ram ram = new Ram(MachineConfig.DEFAULT_RAM_BYTES);
        ram.recordTouches();
        Guest guest = new Guest(SessionResumeTest.snapshot, ram);
        guest.runUntil(() -> until.test(guest));
        return ram.touchedPages();
    }

    /** A machine restored from the whole boot snapshot, to split it. */
    private static Machine restored() throws Exception {
        ImageFileSystem fs = ImageFileSystem.create(List.of(SessionResumeTest.index),
                new ByteArrayLayerSource(List.of(SessionResumeTest.layer)), () -> InstructionClock.BOOT_UNIX_NANOS);
        Machine machine = new Machine(MachineConfig.deterministic((d, o, l) -> { })
                .withBootargs(SessionResumeTest.BOOTARGS));
        machine.attach(new Virtio9p(fs));
        MachineSnapshot.restore(machine, SessionResumeTest.snapshot, SessionResumeTest.IDENTITY);
        return machine;
    }
}
