package dev.termpress.runtime.worker;

import static dev.termpress.runtime.worker.SessionResumeTest.BOOTARGS;
import static dev.termpress.runtime.worker.SessionResumeTest.BUSYBOX;
import static dev.termpress.runtime.worker.SessionResumeTest.IDENTITY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.OnDemandLayerSource;
import dev.termpress.runtime.boot.BlockOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A prewarm's rehearsal: a throwaway machine resumed from the boot snapshot runs to the shell's prompt unseen,
 * fetching on the way what the shell reads into the layer source the reader's machine shares, which then
 * resumes from the same snapshot and answers as if nothing had run before it.
 */
class RehearsalTest {

    private static final BlockOptions SHAPE = new BlockOptions(null, null, null, List.of(),
            ImageFileSystem.DEFAULT_UPPER_LIMIT);
    private static final int MAX_TICKS = 5_000;

    @BeforeAll
    static void makeSnapshot() throws Exception {
        SessionResumeTest.makeSnapshot();
    }

    private static Session unconfigured(SessionHost host, FakeHost clock, OnDemandLayerSource source) throws Exception {
        MachineConfig base = MachineConfig.deterministic((d, o, l) -> { }).withBootargs(BOOTARGS).withClock(clock);
        SessionSpec spec = new SessionSpec(null, List.of(SessionResumeTest.index), source, BUSYBOX, SHAPE, 0, 0);
        return Session.prepareUnconfigured(spec, base, host, new Ram(base.ramBytes()));
    }

    /**
     * Runs the rehearsal's slices as a browser would, until it is over, nothing would wake it, or {@code source}
     * fetches (the fake clock would jump to the guest's next timer, seconds away, where a real fetch takes
     * milliseconds).
     */
    private static void drive(Rehearsal rehearsal, FakeHost scheduler, OnDemandLayerSource source) {
        for (int ticks = 0; ticks < MAX_TICKS && !rehearsal.over() && !source.isFetching(0); ticks++) {
            if (scheduler.soon) {
                scheduler.soon = false;
            } else if (scheduler.timerMillis >= 0) {
                scheduler.sleep();
            } else {
                return;
            }
            rehearsal.tick();
        }
    }

    @Test
    void itRunsUnseenToThePromptFetchingWhatTheShellReadsThenTheReadersMachineStartsClean() throws Exception {
        List<Integer> fetched = new ArrayList<>();
        OnDemandLayerSource source = new OnDemandLayerSource(1, fetched::add);
        FakeHost scheduler = new FakeHost();
        int[] endings = {0};
        Rehearsal rehearsal = new Rehearsal(scheduler, () -> source.isFetching(0), () -> endings[0]++);
        Session rehearsed = unconfigured(rehearsal, scheduler, source);
        rehearsed.resumeFrom(SessionResumeTest.snapshot, IDENTITY);
        rehearsal.begin(rehearsed, SHAPE);

        drive(rehearsal, scheduler, source);
        assertThat(fetched).as("the shell's first read asks for the layer").containsExactly(0);
        assertThat(rehearsal.over()).as("it waits for the layer bytes, not over").isFalse();
        source.supply(0, SessionResumeTest.layer);
        rehearsal.wake();
        drive(rehearsal, scheduler, source);

        assertThat(rehearsal.ending()).as("over at the prompt").isEqualTo("prompt");
        assertThat(endings[0]).isEqualTo(1);
        assertThat(rehearsal.instructions()).isPositive().isLessThan(Rehearsal.MAX_INSTRUCTIONS);
        assertThat(scheduler.text()).as("its output is never shown").isEmpty();
        rehearsal.cancel();
        assertThat(endings[0]).as("ends once").isEqualTo(1);

        FakeHost host = new FakeHost();
        Session reader = unconfigured(host, host, source);
        reader.resumeFrom(SessionResumeTest.snapshot, IDENTITY);
        reader.configure(new BlockOptions("/root", null, "after-rehearsal", List.of(), ImageFileSystem.DEFAULT_UPPER_LIMIT),
                80, 24);
        SessionTest.runUntil(reader, host, " # ");
        assertThat(fetched).as("the layer came once, before the reader's machine ran").containsExactly(0);
        reader.input("hostname; pwd\n".getBytes(StandardCharsets.UTF_8));
        SessionTest.runUntil(reader, host, "/root");
        assertThat(host.text()).contains("after-rehearsal");
    }

    @Test
    void aClickDuringTheRehearsalEndsItAtOnce() throws Exception {
        OnDemandLayerSource source = new OnDemandLayerSource(1, n -> { });
        source.supply(0, SessionResumeTest.layer);
        FakeHost scheduler = new FakeHost();
        int[] endings = {0};
        Rehearsal rehearsal = new Rehearsal(scheduler, () -> false, () -> endings[0]++);
        Session rehearsed = unconfigured(rehearsal, scheduler, source);
        rehearsed.resumeFrom(SessionResumeTest.snapshot, IDENTITY);
        rehearsal.begin(rehearsed, SHAPE);
        scheduler.soon = false;
        rehearsal.tick();
        long ran = rehearsal.instructions();

        rehearsal.cancel();
        assertThat(endings[0]).isEqualTo(1);
        assertThat(rehearsal.ending()).isEqualTo("cancelled");
        scheduler.soon = false;
        rehearsal.tick();
        assertThat(rehearsal.instructions()).as("no slice after the end").isEqualTo(ran);
        assertThat(scheduler.soon).isFalse();
    }
}
