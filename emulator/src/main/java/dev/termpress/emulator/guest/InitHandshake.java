package dev.termpress.emulator.guest;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.host.ConsoleOutput;
import dev.termpress.emulator.host.EntropySource;
import dev.termpress.emulator.virtio.VirtioConsole;
import java.util.function.LongSupplier;

/**
 * The host's half of termpress-init's handshake (the contract is at the top of
 * {@code emulator/kernel/init.c}): when init announces that it waits, write the block's
 * {@code init.conf} (with the time and fresh entropy) into the 9p upper layer and send the go
 * message; when init says it started, release the input the user typed meanwhile. Every host
 * routes the machine's console output through this object (it strips the markers) and the user's
 * input through {@link #input}, and calls {@link #service} after each {@code machine.run}.
 * Because nothing per-block is read before the go message, the same code serves a cold boot and
 * a machine resumed from a snapshot taken while init waited.
 */
public final class InitHandshake implements ConsoleOutput {

    /** init waits for the go message: {@code ESC ] 5379 ; termpress-ready BEL}. */
    public static final String READY_MARKER = "\033]5379;termpress-ready\007";
    /** What the host sends once init.conf is in place: {@code ESC ] 5379 ; termpress-go BEL}. */
    public static final String GO_MESSAGE = "\033]5379;termpress-go\007";
    /** init restored the console and reads init.conf: {@code ESC ] 5379 ; termpress-started BEL}. */
    public static final String STARTED_MARKER = "\033]5379;termpress-started\007";
    /** Random bytes handed to init per boot (init requires at least 32). */
    public static final int SEED_BYTES = 32;
    /**
     * Input held until init starts, at most: half the console's own bound, so that handing it over never
     * overflows that ({@code termpress run} holds back at 64 KiB). Past it the rest is dropped and the
     * terminal shows {@link #DROPPED_NOTICE} once.
     */
    public static final int MAX_HELD_INPUT = VirtioConsole.MAX_PENDING_INPUT / 2;
    /** Shown on the console (not sent to the guest) when held input was dropped; then the count and "]". */
    public static final String DROPPED_NOTICE = "\r\n[termpress: the machine is still starting; input dropped: ";

    private enum State { WAITING_FOR_READY, READY_SEEN, WAITING_FOR_START, STARTED_SEEN, DONE }

    private final ImageFileSystem fs;
    private final String initConf;
    private final LongSupplier realtimeNanos;
    private final EntropySource entropy;
    private final ConsoleOutput downstream;
    private final MarkerFilter filter = new MarkerFilter();
    private Machine machine;
    private State state = State.WAITING_FOR_READY;
    private byte[] held = new byte[0];
    private int heldLength;
    private boolean droppedHeld;

    /**
     * @param fs the root filesystem the machine serves, where init.conf goes
     * @param initConf the block's settings ({@link InitConf#render}), without realtime and seed
     * @param realtimeNanos the wall-clock time to hand the guest, nanoseconds since the epoch
     * @param entropy where the seed comes from
     * @param downstream where the console output goes once the markers are taken out
     */
    public InitHandshake(ImageFileSystem fs, String initConf, LongSupplier realtimeNanos, EntropySource entropy,
            ConsoleOutput downstream) {
        this.fs = fs;
        this.initConf = initConf;
        this.realtimeNanos = realtimeNanos;
        this.entropy = entropy;
        this.downstream = downstream;
    }

    /**
     * Fails now, before a boot, if the image leaves no room for init.conf.
     *
     * @throws IllegalStateException naming the problem
     */
    public void checkInstallable() {
        InitConfFile.checkInstallable(fs);
    }

    /** The machine whose console this object filters; call once, after building it with this as its console. */
    public void attach(Machine target) {
        this.machine = target;
    }

    /** Console output from the guest: passed on without the markers, which move the handshake on. */
    @Override
    public void write(byte[] data, int offset, int length) {
        if (state == State.DONE) {
            downstream.write(data, offset, length);
            return;
        }
        filter.write(data, offset, length);
    }

    /**
     * The user's input: to the guest once init has started, held until then (at most
     * {@link #MAX_HELD_INPUT}; the rest is dropped with a notice on the console).
     */
    public void input(byte[] data, int offset, int length) {
        if (state == State.DONE) {
            machine.sendInput(data, offset, length);
            return;
        }
        int taken = Math.min(length, MAX_HELD_INPUT - heldLength);
        if (heldLength + taken > held.length) {
            byte[] bigger = new byte[Math.min(MAX_HELD_INPUT, Math.max(held.length * 2, heldLength + taken))];
            System.arraycopy(held, 0, bigger, 0, heldLength);
            held = bigger;
        }
        System.arraycopy(data, offset, held, heldLength, taken);
        heldLength += taken;
        if (taken < length && !droppedHeld) {
            droppedHeld = true;
            byte[] notice = ascii(DROPPED_NOTICE + (length - taken) + " bytes]\r\n");
            downstream.write(notice, 0, notice.length);
        }
    }

    /** Bytes of input held until init starts. */
    public int heldInput() {
        return heldLength;
    }

    /**
     * Acts on a marker seen during the last run (never inside it: the console calls {@link #write}
     * from device code). Returns true when it gave the guest input, so the host runs it again even
     * if it looked idle.
     *
     * @throws IllegalStateException if init.conf cannot be written into the filesystem
     */
    public boolean service() {
        if (state == State.READY_SEEN) {
            InitConfFile.install(fs, InitConf.withClockAndSeed(initConf, realtimeNanos.getAsLong(), seed()));
            state = State.WAITING_FOR_START;
            byte[] go = ascii(GO_MESSAGE);
            machine.sendInput(go, 0, go.length);
            return true;
        }
        if (state == State.STARTED_SEEN) {
            state = State.DONE;
            filter.flushTo(downstream);
            if (heldLength > 0) {
                machine.sendInput(held, 0, heldLength);
            }
            held = new byte[0];
            heldLength = 0;
            return true;
        }
        return false;
    }

    /**
     * Runs the machine for up to {@code maxInstructions}, calling {@link #service} after each run
     * and running on when that gave the guest input; returns how many ran. So a host that finds
     * the machine idle afterwards knows only its own input or time can wake it.
     */
    public long run(long maxInstructions) {
        long ran = machine.run(maxInstructions);
        while (service() && ran < maxInstructions && !machine.halted()) {
            ran += machine.run(maxInstructions - ran);
        }
        return ran;
    }

    /**
     * Whether init announced that it waits and the host has not yet answered: the moment to
     * snapshot a machine that any block can resume (nothing per-block is in it yet). True only
     * between the run that saw the ready marker and the next {@link #service}.
     */
    public boolean readySeen() {
        return state == State.READY_SEEN;
    }

    /**
     * For a machine restored from a snapshot taken at {@link #readySeen}: its init already printed
     * the ready marker, so the next {@link #service} installs init.conf (with this host's time and
     * entropy) and sends the go message.
     *
     * @throws IllegalStateException if this handshake already saw output
     */
    public void resumeAtReady() {
        if (state != State.WAITING_FOR_READY) {
            throw new IllegalStateException("the handshake resumes at ready only before any output, not in state " + state);
        }
        state = State.READY_SEEN;
    }

    /** Whether init has started and input goes straight to the guest. */
    public boolean started() {
        return state == State.DONE;
    }

    /** Whether init is still to be handed its settings or to confirm it got them. */
    public boolean pending() {
        return state != State.DONE;
    }

    private byte[] seed() {
        byte[] seed = new byte[SEED_BYTES];
        entropy.fill(seed, 0, seed.length);
        return seed;
    }

    private void markerSeen() {
        if (state == State.WAITING_FOR_READY) {
            state = State.READY_SEEN;
        } else if (state == State.WAITING_FOR_START) {
            state = State.STARTED_SEEN;
        }
    }

    private static byte[] ascii(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        return bytes;
    }

    /**
     * Takes the expected marker out of the output stream, across write boundaries: bytes that might
     * begin it are held back until they do or do not.
     */
    private final class MarkerFilter {

        private final byte[] partial = new byte[STARTED_MARKER.length()];
        private int matched;

        void write(byte[] data, int offset, int length) {
            int end = offset + length;
            int plain = offset; // start of bytes not yet passed on
            for (int i = offset; i < end; i++) {
                String marker = expected();
                if (marker == null) {
                    break;
                }
                byte b = data[i];
                if (b == marker.charAt(matched)) {
                    if (matched == 0 && i > plain) {
                        downstream.write(data, plain, i - plain);
                    }
                    partial[matched++] = b;
                    plain = i + 1;
                    if (matched == marker.length()) {
                        matched = 0;
                        markerSeen();
                    }
                } else if (matched > 0) {
                    // Not the marker after all: what was held back is output, and this byte may start it again.
                    downstream.write(partial, 0, matched);
                    matched = 0;
                    plain = i;
                    i--;
                }
            }
            if (matched == 0 && end > plain) {
                downstream.write(data, plain, end - plain);
            }
        }

        void flushTo(ConsoleOutput out) {
            if (matched > 0) {
                out.write(partial, 0, matched);
                matched = 0;
            }
        }

        private String expected() {
            if (state == State.WAITING_FOR_READY) {
                return READY_MARKER;
            }
            if (state == State.WAITING_FOR_START) {
                return STARTED_MARKER;
            }
            return null; // a marker seen, waiting for service(): pass the rest through
        }
    }
}
