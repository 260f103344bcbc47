package dev.termpress.emulator.virtio;

import dev.termpress.emulator.host.ConsoleOutput;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.Snapshottable;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;

/**
 * The virtio console (§5.3), one port: the guest's {@code hvc0}. What the guest transmits goes to a
 * {@link ConsoleOutput}; host input waits in a buffer until the guest posts receive buffers. The
 * terminal size lives in the configuration space, and {@link #resize} tells the guest about a new one.
 */
public final class VirtioConsole implements VirtioDevice, Snapshottable {

    /** Feature: cols and rows in the configuration space are valid (§5.3.3). */
    public static final int F_SIZE = 0;
    /** Feature: the driver may write single characters to {@code emerg_wr} (§5.3.3). */
    public static final int F_EMERG_WRITE = 2;

    /**
     * Input pushed and not yet read by the guest, at most (a paste far beyond any demo's; {@code termpress
     * run} waits at a quarter of it). Past it the rest of a push is dropped and the terminal shows
     * {@link #DROPPED_NOTICE}, once until the guest has read what waits.
     */
    public static final int MAX_PENDING_INPUT = 256 * 1024;
    /** Shown on the console (not sent to the guest) when input was dropped; then the count and "]". */
    public static final String DROPPED_NOTICE = "\r\n[termpress: the guest is not reading its terminal; input dropped: ";

    private static final int RECEIVE_QUEUE = 0;
    private static final int TRANSMIT_QUEUE = 1;

    // Configuration space layout (§5.3.4): le16 cols, le16 rows, le32 max_nr_ports, le32 emerg_wr.
    private static final int CONFIG_COLS = 0;
    private static final int CONFIG_ROWS = 2;
    private static final int CONFIG_MAX_NR_PORTS = 4;
    private static final int CONFIG_EMERG_WR = 8;
    private static final int CONFIG_SIZE = 12;

    private final ConsoleOutput output;
    private final ConfigSpace config = new ConfigSpace(CONFIG_SIZE);
    private final ByteFifo input = new ByteFifo();
    private final PostedBuffers receiveBuffers =
            new PostedBuffers(RECEIVE_QUEUE, queueSizeMax(RECEIVE_QUEUE), "virtio console");
    private byte[] scratch = new byte[4096];
    private VirtioTransport transport;
    /** Whether input was dropped since the guest last caught up (the notice is shown once per episode). */
    private boolean dropping;

    /** A console writing guest output to {@code output}, with an initial size of {@code cols} x {@code rows}. */
    public VirtioConsole(ConsoleOutput output, int cols, int rows) {
        this.output = output;
        config.put(CONFIG_COLS, 2, cols);
        config.put(CONFIG_ROWS, 2, rows);
        config.put(CONFIG_MAX_NR_PORTS, 4, 1);
    }

    /** A console with the classic 80 x 24 size. */
    public VirtioConsole(ConsoleOutput output) {
        this(output, 80, 24);
    }

    @Override
    public int deviceId() {
        return Virtio.DEVICE_CONSOLE;
    }

    @Override
    public long deviceFeatures() {
        return 1L << F_SIZE | 1L << F_EMERG_WRITE;
    }

    @Override
    public int queueCount() {
        return 2;
    }

    @Override
    public void attach(VirtioTransport transport) {
        this.transport = transport;
    }

    /**
     * Queues host bytes (keystrokes) for the guest; they are delivered as soon as it has buffers posted.
     * Beyond {@link #MAX_PENDING_INPUT} waiting bytes the rest is dropped, with a notice on the console.
     *
     * @return how many of the bytes were taken
     */
    public int pushInput(byte[] data, int offset, int length) {
        int taken = Math.min(length, MAX_PENDING_INPUT - input.size());
        input.append(data, offset, taken);
        deliverInput();
        if (taken < length && !dropping) {
            dropping = true;
            byte[] notice = ascii(DROPPED_NOTICE + (length - taken) + " bytes]\r\n");
            output.write(notice, 0, notice.length);
        }
        return taken;
    }

    /** Bytes pushed but not yet delivered to the guest. */
    public int pendingInput() {
        return input.size();
    }

    /** Sets the terminal size and raises a configuration-change interrupt so the guest resizes hvc0. */
    public void resize(int cols, int rows) {
        config.put(CONFIG_COLS, 2, cols);
        config.put(CONFIG_ROWS, 2, rows);
        if (transport != null) {
            transport.configChanged();
        }
    }

    public int cols() {
        return (int) config.read(CONFIG_COLS, 2);
    }

    public int rows() {
        return (int) config.read(CONFIG_ROWS, 2);
    }

    @Override
    public void handle(int queue, VirtioRequest request) {
        if (queue == RECEIVE_QUEUE) {
            receiveBuffers.post(request);
            deliverInput();
        } else if (queue == TRANSMIT_QUEUE) {
            transmit(request);
        }
    }

    private void transmit(VirtioRequest request) {
        int position = 0;
        int n;
        while ((n = request.read(position, scratch, 0, scratch.length)) > 0) {
            output.write(scratch, 0, n);
            position += n;
        }
        request.complete(0);
    }

    private void deliverInput() {
        while (input.size() > 0 && !receiveBuffers.isEmpty()) {
            VirtioRequest request = receiveBuffers.poll();
            if (!request.isLive()) {
                continue;
            }
            int n = Math.min(input.size(), request.writableLength());
            if (n > scratch.length) {
                scratch = new byte[Math.max(n, scratch.length * 2)];
            }
            input.take(scratch, 0, n);
            request.write(0, scratch, 0, n);
            request.complete(n);
        }
        if (input.size() == 0) {
            dropping = false;
        }
    }

    private static byte[] ascii(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        return bytes;
    }

    @Override
    public long readConfig(int offset, int width) {
        return config.read(offset, width);
    }

    @Override
    public void writeConfig(int offset, int width, long value) {
        if (offset == CONFIG_EMERG_WR && transport != null && transport.negotiated(F_EMERG_WRITE)) {
            scratch[0] = (byte) value;
            output.write(scratch, 0, 1);
        }
    }

    @Override
    public void reset() {
        // Posted buffers belong to the old driver instance; typed-ahead input is kept for the next one.
        receiveBuffers.clear();
    }

    // ---- snapshot: window size, typed-ahead input and the receive buffers the guest posted ----

    @Override
    public String stateName() {
        return "virtio-console";
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    @Override
    public void saveState(StateWriter out) {
        out.u16(cols()).u16(rows()).bytes(input.peekAll());
        receiveBuffers.save(out);
    }

    @Override
    public void restoreState(StateReader in, int version) throws SnapshotException {
        config.put(CONFIG_COLS, 2, in.u16());
        config.put(CONFIG_ROWS, 2, in.u16());
        byte[] typed = in.bytes();
        if (input.size() + typed.length > MAX_PENDING_INPUT) {
            throw new SnapshotException("virtio console: " + typed.length + " bytes of typed-ahead input, more than "
                    + MAX_PENDING_INPUT);
        }
        input.append(typed, 0, typed.length);
        receiveBuffers.restore(in, transport);
    }
}
