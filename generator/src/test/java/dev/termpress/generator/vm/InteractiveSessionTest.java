package dev.termpress.generator.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.host.InstructionClock;
import dev.termpress.emulator.guest.GuestOverrides;
import dev.termpress.emulator.guest.InitConf;
import dev.termpress.generator.image.LocalImage;
import dev.termpress.generator.image.LocalImageLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The run loop of {@code termpress run}, fed through a pipe, on the deterministic clock. */
class InteractiveSessionTest {

    private static final Path BUSYBOX = Path.of("..", "content-examples", "images", "busybox");
    private static PreparedImage image;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PipedOutputStream keyboard = new PipedOutputStream();
    private boolean typed;
    private BootedImage booted;

    @BeforeAll
    static void loadImage() throws Exception {
        LocalImage local = LocalImageLoader.load(BUSYBOX, null);
        image = PreparedImage.of(local);
    }

    @Test
    void theShellsExitPowersOff() throws Exception {
        InteractiveSession.Outcome outcome = session("echo typed-$((6*7)); exit\n").run();

        assertThat(outcome).isEqualTo(InteractiveSession.Outcome.POWERED_OFF);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("typed-42").contains("powering off");
        assertThat(booted.exitStatus()).hasValue(0);
    }

    @Test
    void theShellsExitStatusReachesTheHost() throws Exception {
        InteractiveSession.Outcome outcome = session("exit 7\n").run();

        assertThat(outcome).isEqualTo(InteractiveSession.Outcome.POWERED_OFF);
        assertThat(booted.exitStatus()).hasValue(7);
    }

    @Test
    void aShellKilledByASignalReportsOneHundredTwentyEightPlusIt() throws Exception {
        InteractiveSession.Outcome outcome = session("kill -KILL $$\n").run();

        assertThat(outcome).isEqualTo(InteractiveSession.Outcome.POWERED_OFF);
        assertThat(booted.exitStatus()).hasValue(128 + 9);
    }

    @Test
    void ctrlRightBracketDetaches() throws Exception {
        InteractiveSession.Outcome outcome = session("echo before\n\u001d").run();

        assertThat(outcome).isEqualTo(InteractiveSession.Outcome.DETACHED);
    }

    @Test
    void endOfInputReachesTheShellAsEndOfFile() throws Exception {
        InteractiveSession.Outcome outcome = session(null).run();

        assertThat(outcome).isEqualTo(InteractiveSession.Outcome.POWERED_OFF);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("exited with status 0");
    }

    @Test
    void inputPipedInWholeBeforeTheShellStartsStillEndsIt() throws Exception {
        // All of it, end of input included, arrives while the kernel boots (printf ... | termpress run).
        String initConf = InitConf.render(image.image().settings(), GuestOverrides.none());
        booted = image.boot(initConf, MachineConfig.deterministic(console::write),
                () -> InstructionClock.BOOT_UNIX_NANOS);
        InteractiveSession session = new InteractiveSession(booted, () -> 0L, () -> { });
        session.readFrom(new ByteArrayInputStream("echo piped-$((2*3)); sleep 1; echo slept\n".getBytes(StandardCharsets.UTF_8)));

        InteractiveSession.Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(60), session::run,
                () -> "the session did not end; console:\n" + console.toString(StandardCharsets.UTF_8));

        assertThat(outcome).isEqualTo(InteractiveSession.Outcome.POWERED_OFF);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("piped-6").contains("slept").contains("exited with status 0");
    }

    @Test
    void ctrlCStopsAFloodingYesWithinAGuestSecond() throws Exception {
        TailSink sink = new TailSink();
        booted = image.boot(InitConf.render(image.image().settings(), GuestOverrides.none()),
                MachineConfig.deterministic(sink::write), () -> InstructionClock.BOOT_UNIX_NANOS);
        PipedInputStream in = new PipedInputStream(keyboard);
        long[] floodStart = {-1};
        int[] slicesAfterCtrlC = {-1};
        InteractiveSession session = new InteractiveSession(booted, () -> 0L, () -> {
            if (!typed && sink.tail().contains(" # ")) {
                typed = true;
                type("yes\n");
                floodStart[0] = sink.total();
            } else if (floodStart[0] >= 0 && slicesAfterCtrlC[0] < 0 && sink.total() - floodStart[0] > FLOOD_BYTES) {
                type("\u0003");
                sink.clearTail();
                slicesAfterCtrlC[0] = 0;
            } else if (slicesAfterCtrlC[0] >= 0 && !sink.tail().contains("back-")) {
                slicesAfterCtrlC[0]++;
                if (sink.tail().contains(" # ")) {
                    type("echo back-$((2+3)); exit\n");
                }
            }
        });
        session.readFrom(in);

        InteractiveSession.Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(120), session::run,
                () -> "the session did not end; console tail:\n" + sink.tail());

        assertThat(outcome).isEqualTo(InteractiveSession.Outcome.POWERED_OFF);
        assertThat(sink.tail()).contains("back-5");
        // A slice is 2 M instructions and the instruction clock runs 100 M a guest second.
        System.out.println("yes then Ctrl-C: prompt back after " + slicesAfterCtrlC[0] + " slices of 2 M instructions");
        assertThat(slicesAfterCtrlC[0]).as("slices from Ctrl-C to the prompt").isBetween(1, 50);
    }

    @Test
    void inputTheGuestHasNotReadWaitsOnTheHostWithinTheBound() throws Exception {
        TailSink sink = new TailSink();
        booted = image.boot(InitConf.render(image.image().settings(), GuestOverrides.none()),
                MachineConfig.deterministic(sink::write), () -> InstructionClock.BOOT_UNIX_NANOS);
        int[] mostUnread = {0};
        InteractiveSession session = new InteractiveSession(booted, () -> 0L,
                () -> mostUnread[0] = Math.max(mostUnread[0], booted.machine().console().pendingInput()));
        // The shell sleeps while the rest arrives, more than the guest's buffers hold (hvc0 posts a ring
        // of 256 pages, 1 MiB); then head reads it all.
        int rest = 3 << 20;
        StringBuilder text = new StringBuilder("stty raw -echo; sleep 1; head -c " + rest
                + " > /dev/null; stty sane; echo catted-$?\n");
        int body = text.length();
        String line = "x".repeat(999) + "\n";
        while (text.length() - body + line.length() <= rest) {
            text.append(line);
        }
        text.append("x".repeat(rest - (text.length() - body)));
        session.readFrom(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));

        InteractiveSession.Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(180), session::run,
                () -> "the session did not end; console tail:\n" + sink.tail());

        assertThat(outcome).isEqualTo(InteractiveSession.Outcome.POWERED_OFF);
        assertThat(sink.tail()).contains("catted-0");
        assertThat(mostUnread[0]).as("input the guest had not taken")
                .isGreaterThan(InteractiveSession.MAX_UNREAD_INPUT / 2)
                .isLessThanOrEqualTo(InteractiveSession.MAX_UNREAD_INPUT + 4096);
    }

    private static final long FLOOD_BYTES = 256 << 10;

    private void type(String text) {
        try {
            keyboard.write(text.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Console output counted, with only its last few KB kept: a flood must not fill the test's heap either. */
    private static final class TailSink {
        private final StringBuilder tail = new StringBuilder();
        private long total;

        synchronized void write(byte[] data, int offset, int length) {
            total += length;
            tail.append(new String(data, offset, length, StandardCharsets.ISO_8859_1));
            if (tail.length() > 16384) {
                tail.delete(0, tail.length() - 4096);
            }
        }

        synchronized String tail() {
            return tail.toString();
        }

        synchronized long total() {
            return total;
        }

        synchronized void clearTail() {
            tail.setLength(0);
        }
    }

    /** A session that types {@code text} (or closes its input, for null) once the prompt shows. */
    private InteractiveSession session(String text) throws Exception {
        String initConf = InitConf.render(image.image().settings(), GuestOverrides.none());
        booted = image.boot(initConf, MachineConfig.deterministic(console::write),
                () -> InstructionClock.BOOT_UNIX_NANOS);
        Machine machine = booted.machine();
        PipedInputStream in = new PipedInputStream(keyboard);
        InteractiveSession session = new InteractiveSession(booted, () -> 0L, () -> {
            if (!typed && console.toString(StandardCharsets.UTF_8).contains(" # ")) {
                typed = true;
                try {
                    if (text != null) {
                        keyboard.write(text.getBytes(StandardCharsets.UTF_8));
                        keyboard.flush();
                    } else {
                        keyboard.close();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        session.readFrom(in);
        return session;
    }
}
