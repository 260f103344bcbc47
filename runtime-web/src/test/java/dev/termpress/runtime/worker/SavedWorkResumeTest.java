package dev.termpress.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.OnDemandLayerSource;
import dev.termpress.emulator.snapshot.SavedWork;
import dev.termpress.runtime.boot.BlockOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SavedWorkResume} on the JVM, as the worker uses it: a reader's files saved from one resumed machine come
 * back in the next; saved work that is damaged, made on another snapshot or does not fit gives a reason and a
 * pristine machine with a working shell.
 */
class SavedWorkResumeTest {

    private static final String BASE = "b".repeat(64);

    @BeforeAll
    static void snapshot() throws Exception {
        SessionResumeTest.makeSnapshot();
    }

    private static Session prepared(FakeHost host) throws ImageFormatException {
        OnDemandLayerSource source = new OnDemandLayerSource(1, n -> { });
        source.supply(0, SessionResumeTest.layer);
        SessionSpec spec = new SessionSpec(null, List.of(SessionResumeTest.index), source, SessionResumeTest.BUSYBOX,
                new BlockOptions("/root", null, null, List.of()), 90, 30);
        return Session.prepare(spec,
                MachineConfig.deterministic((d, o, l) -> { }).withBootargs(SessionResumeTest.BOOTARGS).withClock(host),
                host);
    }

    private static void type(Session session, FakeHost host, String line, String expected) {
        session.input((line + "\n").getBytes(StandardCharsets.UTF_8));
        SessionTest.runUntil(session, host, expected);
    }

    /** Saved work of a machine where the reader wrote /root/note. */
    private static byte[] workWithANote() throws Exception {
        FakeHost host = new FakeHost();
        Session session = prepared(host);
        session.resumeFrom(SessionResumeTest.snapshot, SessionResumeTest.IDENTITY);
        SessionTest.runUntil(session, host, "# ");
        long before = session.fileSystem().changeCount();
        type(session, host, "echo hi > /root/note; echo wrote-$((40+2))", "wrote-42");
        assertThat(session.fileSystem().changeCount()).as("the write moved the change counter").isGreaterThan(before);
        return SavedWork.wrap(BASE, session.saveFiles());
    }

    @Test
    void theReadersFilesComeBackInTheNextMachine() throws Exception {
        byte[] saved = workWithANote();
        FakeHost host = new FakeHost();
        Session first = prepared(host);

        SavedWorkResume.Outcome outcome = SavedWorkResume.resume(first, () -> {
            throw new AssertionError("no fresh machine needed");
        }, SessionResumeTest.snapshot, SessionResumeTest.IDENTITY, saved, BASE);

        assertThat(outcome.restored()).isTrue();
        assertThat(outcome.problem()).isNull();
        assertThat(outcome.session()).isSameAs(first);
        SessionTest.runUntil(first, host, "# ");
        type(first, host, "cat /root/note; echo end-$((6*7))", "end-42");
        assertThat(host.text()).contains("hi\r\n");
    }

    @Test
    void damagedWorkIsRefusedAndTheMachineStartsPristine() throws Exception {
        byte[] saved = workWithANote();
        saved[saved.length / 2] ^= 0x10;
        FakeHost host = new FakeHost();
        Session first = prepared(host);

        SavedWorkResume.Outcome outcome = SavedWorkResume.resume(first, () -> {
            throw new AssertionError("the first machine was not touched");
        }, SessionResumeTest.snapshot, SessionResumeTest.IDENTITY, saved, BASE);

        assertThat(outcome.restored()).isFalse();
        assertThat(outcome.problem()).contains("CRC-32");
        assertThat(SavedWorkResume.notice(outcome.problem())).contains("could not be restored").contains("pristine");
        SessionTest.runUntil(first, host, "# ");
        type(first, host, "cat /root/note; echo end-$((6*7))", "end-42");
        assertThat(host.text()).contains("No such file");
    }

    @Test
    void workSavedOnAnotherSnapshotIsRefused() throws Exception {
        byte[] saved = workWithANote();
        FakeHost host = new FakeHost();

        SavedWorkResume.Outcome outcome = SavedWorkResume.resume(prepared(host), () -> {
            throw new AssertionError("the first machine was not touched");
        }, SessionResumeTest.snapshot, SessionResumeTest.IDENTITY, saved, "c".repeat(64));

        assertThat(outcome.restored()).isFalse();
        assertThat(outcome.problem()).contains(BASE).contains("c".repeat(64));
    }

    @Test
    void filesThatDoNotFitGiveAFreshMachine() throws Exception {
        byte[] saved = SavedWork.wrap(BASE, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        FakeHost firstHost = new FakeHost();
        Session first = prepared(firstHost);
        FakeHost host = new FakeHost();
        Session[] fresh = new Session[1];

        SavedWorkResume.Outcome outcome = SavedWorkResume.resume(first, () -> fresh[0] = prepared(host),
                SessionResumeTest.snapshot, SessionResumeTest.IDENTITY, saved, BASE);

        assertThat(outcome.restored()).isFalse();
        assertThat(outcome.problem()).isNotBlank();
        assertThat(outcome.session()).isSameAs(fresh[0]).isNotSameAs(first);
        SessionTest.runUntil(outcome.session(), host, "# ");
        type(outcome.session(), host, "echo alive-$((6*7))", "alive-42");
    }

    @Test
    void withoutSavedWorkItIsAPlainResume() throws Exception {
        FakeHost host = new FakeHost();
        Session first = prepared(host);

        SavedWorkResume.Outcome outcome = SavedWorkResume.resume(first, () -> {
            throw new AssertionError("no fresh machine needed");
        }, SessionResumeTest.snapshot, SessionResumeTest.IDENTITY, null, BASE);

        assertThat(outcome).isEqualTo(new SavedWorkResume.Outcome(first, false, null));
        SessionTest.runUntil(first, host, "# ");
    }
}
