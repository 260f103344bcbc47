package dev.termpress.generator.vm;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.guest.InitHandshake;
import dev.termpress.emulator.host.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs a machine for a person at a terminal. The emulator is single-threaded: this loop owns the
 * machine and feeds it from a queue that a reader thread fills from the user's input. When the
 * hart idles, the loop sleeps until the next guest timer or the next input, whichever comes first.
 * Input is bounded as a terminal's is: the guest holds at most {@link #MAX_UNREAD_INPUT} bytes it
 * has not read, the queue at most {@link #MAX_QUEUED_CHUNKS} reads, and then the reader thread
 * waits, so piping a huge file in costs no host memory. Ctrl-] is seen when it is read, even
 * behind input the guest has not taken.
 */
public final class InteractiveSession {

    /** Ctrl-] (GS), as in telnet: leaves the session without stopping it politely. */
    public static final int DETACH = 0x1d;
    private static final long SLICE = 2_000_000L;
    private static final long NANOS_PER_TICK = 1_000_000_000L / Clock.TIMEBASE_HZ;
    /** Longest single sleep, so a resize or a detach request is noticed soon. */
    private static final long MAX_SLEEP_NANOS = 50_000_000L;
    private static final byte[] END = new byte[0];
    private static final byte[] WAKE_UP = new byte[0];
    /** Bytes the reader thread takes from the input at a time. */
    private static final int READ_CHUNK = 4096;
    /** Reads the queue holds before the reader thread waits for the guest to take some. */
    public static final int MAX_QUEUED_CHUNKS = 64;
    /** Input handed to the guest that it has not read yet; the rest waits in the queue. */
    public static final int MAX_UNREAD_INPUT = 64 * 1024;
    /** VEOF in the guest's cooked terminal (POSIX default Ctrl-D). */
    private static final byte[] END_OF_FILE = {0x04};
    /**
     * After input ends, an end-of-file goes out whenever the guest has taken all its input, at most
     * this often, whether or not the guest looks idle (on the instruction clock it never does while a
     * timer is armed). One is not enough: a Ctrl-D that reaches the terminal in canonical mode and is
     * read after a switch to raw mode (a shell's line editor) arrives as a NUL byte, not as an
     * end-of-file, so the guest would wait for ever.
     */
    private static final long END_OF_FILE_INTERVAL_NANOS = 250_000_000L;

    /** How the session ended. */
    public enum Outcome { POWERED_OFF, DETACHED, INPUT_CLOSED }

    private final Machine machine;
    private final InitHandshake handshake;
    private final LongSupplier nowTicks;
    private final Runnable afterSlice;
    private final BlockingQueue<byte[]> input = new LinkedBlockingQueue<>(MAX_QUEUED_CHUNKS);
    private volatile Runnable pendingResize;
    private volatile boolean detachRequested;
    private boolean inputClosed;
    /** Input given while init had not started, which the handshake holds until it has. */
    private long givenBeforeStart;
    private long lastEndOfFileNanos;

    /**
     * @param booted the machine and the handshake it runs through
     * @param nowTicks the clock's current time in ticks (the wall clock the machine runs on)
     * @param afterSlice called after each slice, e.g. to flush output
     */
    public InteractiveSession(BootedImage booted, LongSupplier nowTicks, Runnable afterSlice) {
        this.machine = booted.machine();
        this.handshake = booted.handshake();
        this.nowTicks = nowTicks;
        this.afterSlice = afterSlice;
    }

    /** Starts a daemon thread copying {@code in} into the input queue. */
    public void readFrom(InputStream in) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[READ_CHUNK];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    int detachAt = indexOf(buffer, n, DETACH);
                    if (detachAt >= 0) {
                        detachRequested = true;
                        input.offer(WAKE_UP);
                        return;
                    }
                    input.put(java.util.Arrays.copyOf(buffer, n));
                }
            } catch (IOException e) {
                // The terminal went away: end the session like end of input.
            } catch (InterruptedException e) {
                return;
            }
            try {
                input.put(END);
            } catch (InterruptedException e) {
                // The session is over.
            }
        }, "termpress-input");
        reader.setDaemon(true);
        reader.start();
    }

    /** Wakes a sleeping loop (the guest's network has something for it); callable from any thread. */
    public void wakeUp() {
        input.offer(WAKE_UP); // a full queue means the loop is not waiting on it
    }

    /** Asks the loop to run {@code action} (a console resize) on the machine's thread. */
    public void onMachineThread(Runnable action) {
        pendingResize = action;
        input.offer(WAKE_UP); // wakes a sleeping loop; a full queue means the loop is not asleep
    }

    /** Runs until power-off, detach, or end of input with the guest waiting for more. */
    public Outcome run() throws InterruptedException {
        while (true) {
            byte[] chunk;
            while (!detachRequested && roomForInput() && (chunk = input.poll()) != null) {
                deliver(chunk);
            }
            runPendingResize();
            if (detachRequested) {
                return Outcome.DETACHED;
            }
            long ran = handshake.run(SLICE);
            afterSlice.run();
            if (machine.halted()) {
                return Outcome.POWERED_OFF;
            }
            if (inputClosed && endOfFileDue()) {
                handshake.input(END_OF_FILE, 0, END_OF_FILE.length);
                lastEndOfFileNanos = System.nanoTime();
                continue;
            }
            if (ran < SLICE && machine.idle()) {
                if (inputClosed && machine.nextWakeUpTicks() == Long.MAX_VALUE) {
                    return Outcome.INPUT_CLOSED; // nothing can wake the guest any more
                }
                if (!roomForInput()) {
                    // The guest leaves its input unread: nothing to wait for but its timer (or a detach).
                    TimeUnit.NANOSECONDS.sleep(sleepNanos());
                    continue;
                }
                chunk = input.poll(sleepNanos(), TimeUnit.NANOSECONDS);
                if (chunk != null && !detachRequested) {
                    deliver(chunk);
                }
            }
        }
    }

    /** Whether the guest (started: input no longer held) has taken all input given so far, so that another end-of-file may go out. */
    private boolean endOfFileDue() {
        return handshake.started() && machine.console().pendingInput() == 0
                && System.nanoTime() - lastEndOfFileNanos >= END_OF_FILE_INTERVAL_NANOS;
    }

    private long sleepNanos() {
        long next = machine.nextWakeUpTicks();
        if (next == Long.MAX_VALUE) {
            return MAX_SLEEP_NANOS;
        }
        long ticks = next - nowTicks.getAsLong();
        return Math.max(0, Math.min(MAX_SLEEP_NANOS, ticks * NANOS_PER_TICK));
    }

    /** Whether the guest has room for more input: it has read all but {@link #MAX_UNREAD_INPUT} of it. */
    private boolean roomForInput() {
        long unread = handshake.started() ? machine.console().pendingInput() : givenBeforeStart;
        return unread < MAX_UNREAD_INPUT;
    }

    private void runPendingResize() {
        Runnable resize = pendingResize;
        if (resize != null) {
            pendingResize = null;
            resize.run();
        }
    }

    private void deliver(byte[] chunk) {
        if (chunk == END) {
            // Piped input ran out: the guest gets end-of-files (Ctrl-D at the start of a line, which
            // ends a shell) once it has read what it was given (see END_OF_FILE_INTERVAL_NANOS), and the
            // session runs on until the guest powers off.
            inputClosed = true;
            lastEndOfFileNanos = System.nanoTime() - END_OF_FILE_INTERVAL_NANOS;
            return;
        }
        if (chunk.length > 0) {
            if (!handshake.started()) {
                givenBeforeStart += chunk.length;
            }
            handshake.input(chunk, 0, chunk.length);
        }
    }

    private static int indexOf(byte[] bytes, int length, int value) {
        for (int i = 0; i < length; i++) {
            if ((bytes[i] & 0xff) == value) {
                return i;
            }
        }
        return -1;
    }
}
