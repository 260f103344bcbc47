package dev.termpress.runtime.worker;

import dev.termpress.emulator.host.Clock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * A {@link SessionHost} on a counter clock that records what the session asks for. As a {@link Clock} it is
 * a wall clock in miniature: guest time is the host's milliseconds and never skips ahead.
 */
final class FakeHost implements SessionHost, Clock {

    private static final long TICKS_PER_MILLI = TIMEBASE_HZ / 1000;

    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    double now;
    boolean soon;
    double timerMillis = -1;
    int outputMessages;
    /** A page that confirms output only when the test calls {@link Session#outputShown}. */
    boolean slowPage;
    Integer exitCode;
    /** Whether guest reads wait on a fetch (a test's layer source in flight); none by default. */
    BooleanSupplier readsWaiting = () -> false;

    @Override
    public double nowMillis() {
        return now += 1; // every look at the clock costs a millisecond: slices end after a few chunks
    }

    @Override
    public void runSoon() {
        soon = true;
    }

    @Override
    public void runAfter(double millis) {
        timerMillis = millis;
    }

    @Override
    public void cancelTimer() {
        timerMillis = -1;
    }

    @Override
    public boolean output(byte[] data) {
        outputMessages++;
        console.writeBytes(data);
        return !slowPage;
    }

    @Override
    public boolean readsWaiting() {
        return readsWaiting.getAsBoolean();
    }

    @Override
    public void exited(int code) {
        exitCode = code;
    }

    @Override
    public long ticks(long instret) {
        return (long) (now * TICKS_PER_MILLI);
    }

    @Override
    public boolean skipTo(long deadline, long instret) {
        return false;
    }

    @Override
    public long unixNanosAtTickZero() {
        return 0;
    }

    @Override
    public void resumeAt(long ticks, long instret) {
        now = (double) ticks / TICKS_PER_MILLI;
    }

    /**
     * One turn of the worker's loop, as the page gives it: at once if the session asked to run soon,
     * else after its timer; false (and no tick) when it asked for neither, so nothing would wake the guest.
     */
    boolean turn(Session session) {
        if (!soon && timerMillis < 0) {
            return false;
        }
        if (soon) {
            soon = false;
        } else {
            sleep();
        }
        session.tick();
        return true;
    }

    /** Lets the time of a requested timer pass. */
    void sleep() {
        now += timerMillis;
        timerMillis = -1;
    }

    String text() {
        return console.toString(StandardCharsets.UTF_8);
    }
}
