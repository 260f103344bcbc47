package dev.termpress.emulator.net;

/**
 * One TCP connection the guest opened, from this stack's side (the passive end, RFC 9293 §3.3.2). The
 * SYN-ACK goes out only once the host's connection is up, so a refused connect is a RST to the guest's
 * SYN, as from a real server. The link to the guest is lossless and in order: nothing is retransmitted
 * on a timer; the guest's acknowledgments and window decide what is sent, and three duplicate ACKs send
 * the unacknowledged bytes again. Bytes from the host wait in a bounded ring until acknowledged; bytes
 * from the guest are taken only within the window this side advertised (the host stream's free room).
 * Sequence numbers are kept as byte counts (long) and mapped to 32-bit sequence space on the wire.
 */
final class TcpConnection implements StreamListener {

    /** Bytes from the host not yet acknowledged by the guest, at most; reading from the host pauses above {@link #PAUSE_AT}. */
    static final int SEND_BUFFER = 512 * 1024;
    static final int PAUSE_AT = 256 * 1024;
    /** Bytes from the guest the host stream may hold unwritten: the window this side advertises. */
    static final int RECEIVE_WINDOW = 256 * 1024;
    /** The window scale this side announces (RFC 7323): 256 KiB needs a shift of 3. */
    static final int OUR_WINDOW_SCALE = 3;
    /** The largest segment either way: the link's MTU less the IPv4 and TCP headers. */
    static final int MAX_SEGMENT = Ipv4Packet.MTU - Ipv4Packet.HEADER - TcpSegment.HEADER;
    private static final long MASK = 0xffff_ffffL;
    private static final int DEFAULT_MSS = 536; // RFC 9293 §3.7.1, when the SYN has no MSS option
    private static final int DUPLICATE_ACKS = 3;

    enum Phase { CONNECTING, SYN_SENT_TO_GUEST, OPEN, DONE }

    final int guestPort;
    final int remote;
    final int remotePort;
    private final long initialSend;
    private final long initialReceive;
    private final int mss;
    /** The guest's window shift, or -1 when it did not offer scaling (then neither side scales). */
    private final int guestScale;
    private final ByteRing unacknowledged = new ByteRing(SEND_BUFFER);
    private final byte[] segmentScratch = new byte[MAX_SEGMENT];
    private HostStream stream;
    private Phase phase = Phase.CONNECTING;
    /** Data bytes from the host the guest acknowledged, and the data bytes sent so far. */
    private long acknowledged;
    private long sent;
    /** Bytes received from the guest (the next expected one is initialReceive + 1 + received). */
    private long received;
    private long guestWindow;
    private int duplicateAcks;
    private boolean ackDue;
    private boolean synDue;
    private boolean resetDue;
    private boolean guestFinished;
    private boolean hostFinished;
    private boolean finSent;
    private boolean finAcknowledged;
    private boolean readingPaused;
    private boolean synSentEver;

    TcpConnection(int guestPort, int remote, int remotePort, TcpSegment syn, long initialSend) {
        this.guestPort = guestPort;
        this.remote = remote;
        this.remotePort = remotePort;
        this.initialSend = initialSend;
        this.initialReceive = syn.sequence();
        this.mss = Math.max(64, Math.min(MAX_SEGMENT, syn.mss() > 0 ? syn.mss() : DEFAULT_MSS));
        this.guestScale = syn.windowScale();
        this.guestWindow = syn.window(); // a SYN's window is never scaled
    }

    void open(HostStream hostStream) {
        this.stream = hostStream;
    }

    Phase phase() {
        return phase;
    }

    /** Done: fully closed or reset, and nothing more to send; the stack forgets it. */
    boolean finished() {
        return phase == Phase.DONE && !resetDue && !ackDue;
    }

    // ---- from the host ----

    @Override
    public void connected() {
        if (phase == Phase.CONNECTING) {
            phase = Phase.SYN_SENT_TO_GUEST;
            synDue = true;
        }
    }

    @Override
    public void failed(String reason) {
        if (phase != Phase.DONE) {
            resetDue = true;
            phase = Phase.DONE;
        }
        closeStream();
    }

    @Override
    public void received(byte[] data, int offset, int length) {
        if (phase == Phase.DONE) {
            return;
        }
        int taken = unacknowledged.append(data, offset, length);
        if (taken < length) {
            // The backend ignored the pause: more than the ring holds. Reset rather than lose bytes.
            abort();
            return;
        }
        if (!readingPaused && unacknowledged.size() >= PAUSE_AT) {
            readingPaused = true;
            stream.pauseReading(true);
        }
    }

    @Override
    public void endOfStream() {
        hostFinished = true;
    }

    @Override
    public void drained() {
        ackDue |= phase == Phase.OPEN; // a window update: the host took what the guest sent
    }

    // ---- from the guest ----

    /** A segment from the guest for this connection. */
    void segment(TcpSegment s, byte[] frame) {
        if (s.has(TcpSegment.RST)) {
            phase = Phase.DONE;
            resetDue = false;
            ackDue = false;
            closeStream();
            return;
        }
        if (s.has(TcpSegment.SYN)) {
            // The guest retransmitting its SYN: answer again once connected, else keep waiting.
            if (s.sequence() == initialReceive && phase == Phase.SYN_SENT_TO_GUEST) {
                synDue = true;
            } else if (phase == Phase.OPEN) {
                ackDue = true;
            }
            return;
        }
        if (phase == Phase.CONNECTING || phase == Phase.DONE || !s.has(TcpSegment.ACK)) {
            return;
        }
        if (!acknowledge(s)) {
            ackDue = true; // acknowledges what was never sent (RFC 9293 §3.10.7.4): answer with an ACK, drop it
            return;
        }
        if (phase != Phase.OPEN) {
            return;
        }
        long expected = (initialReceive + 1 + received) & MASK;
        // How far into the segment the next expected byte is; a segment that starts beyond it (a gap,
        // or a sequence number from nowhere) is far out in 32-bit space and not in order.
        long offsetInSegment = (expected - s.sequence()) & MASK;
        boolean inOrder = offsetInSegment <= s.dataLength();
        if (s.dataLength() > 0) {
            if (inOrder && offsetInSegment < s.dataLength() && !guestFinished) {
                int skip = (int) offsetInSegment;
                int n = Math.min(s.dataLength() - skip, receiveRoom());
                if (n > 0 && stream != null) {
                    stream.write(frame, s.dataOffset() + skip, n);
                    received += n;
                }
                offsetInSegment += n;
            }
            ackDue = true;
        }
        if (s.has(TcpSegment.FIN) && inOrder && offsetInSegment == s.dataLength() && !guestFinished) {
            guestFinished = true;
            received++;
            ackDue = true;
            if (stream != null) {
                stream.shutdownOutput();
            }
        }
        if (guestFinished && finAcknowledged) {
            phase = Phase.DONE;
            closeStream();
        }
    }

    /** Applies the segment's ACK and window; false if it acknowledges bytes never sent. */
    private boolean acknowledge(TcpSegment s) {
        long ack = s.acknowledgment();
        if (phase == Phase.SYN_SENT_TO_GUEST) {
            if (ack != ((initialSend + 1) & MASK)) {
                return false;
            }
            phase = Phase.OPEN;
            synDue = false;
            guestWindow = scaled(s.window());
            return true;
        }
        // Measured from the first unacknowledged sequence number: past the FIN once that is acknowledged.
        long advance = (ack - seq(acknowledged) - (finAcknowledged ? 1 : 0)) & MASK;
        long outstanding = sent - acknowledged + (finSent && !finAcknowledged ? 1 : 0);
        if (advance > outstanding) {
            // An old duplicate (behind what was acknowledged) is harmless; beyond what was sent is not.
            return advance > (1L << 31);
        }
        long window = scaled(s.window());
        if (advance == 0) {
            boolean duplicate = outstanding > 0 && s.dataLength() == 0 && window == guestWindow
                    && !s.has(TcpSegment.FIN);
            duplicateAcks = duplicate ? duplicateAcks + 1 : 0;
            if (duplicateAcks >= DUPLICATE_ACKS) {
                duplicateAcks = 0;
                sent = acknowledged; // send everything unacknowledged again, in order
                finSent = false;
            }
        } else {
            duplicateAcks = 0;
            long data = Math.min(advance, sent - acknowledged);
            unacknowledged.discard((int) data);
            acknowledged += data;
            if (advance > data) {
                finAcknowledged = true;
            }
            if (readingPaused && unacknowledged.size() < PAUSE_AT / 2 && stream != null) {
                readingPaused = false;
                stream.pauseReading(false);
            }
        }
        guestWindow = window;
        return true;
    }

    private long scaled(int window) {
        return guestScale >= 0 ? (long) window << guestScale : window;
    }

    private int receiveRoom() {
        return stream == null ? 0 : Math.max(0, RECEIVE_WINDOW - stream.pendingWrite());
    }

    private long seq(long dataBytes) {
        return (initialSend + 1 + dataBytes) & MASK;
    }

    // ---- to the guest ----

    /** The next segment to send, or null when there is nothing to send now. */
    byte[] nextFrame() {
        long ackNumber = (initialReceive + 1 + received) & MASK;
        if (resetDue) {
            resetDue = false;
            ackDue = false;
            if (phase == Phase.DONE && sent == 0 && !finSent && acknowledged == 0 && !synSentEver) {
                return TcpSegment.frameToGuest(remote, remotePort, guestPort, 0, ackNumber,
                        TcpSegment.RST | TcpSegment.ACK, 0, 0, -1, null, 0, 0);
            }
            return TcpSegment.frameToGuest(remote, remotePort, guestPort, seq(sent), ackNumber,
                    TcpSegment.RST | TcpSegment.ACK, 0, 0, -1, null, 0, 0);
        }
        if (synDue) {
            synDue = false;
            synSentEver = true;
            return TcpSegment.frameToGuest(remote, remotePort, guestPort, initialSend, ackNumber,
                    TcpSegment.SYN | TcpSegment.ACK, ourWindow(), MAX_SEGMENT, guestScale >= 0 ? OUR_WINDOW_SCALE : -1,
                    null, 0, 0);
        }
        if (phase != Phase.OPEN && phase != Phase.DONE) {
            return null;
        }
        if (phase == Phase.OPEN) {
            long inFlight = sent - acknowledged;
            long unsent = unacknowledged.size() - inFlight;
            long room = guestWindow - inFlight;
            int n = (int) Math.min(mss, Math.min(unsent, room));
            if (n > 0) {
                unacknowledged.copyOut((int) inFlight, segmentScratch, 0, n);
                long sequence = seq(sent);
                sent += n;
                ackDue = false;
                int flags = TcpSegment.ACK | (n == unsent ? TcpSegment.PSH : 0);
                return TcpSegment.frameToGuest(remote, remotePort, guestPort, sequence, ackNumber, flags, ourWindow(),
                        0, -1, segmentScratch, 0, n);
            }
            if (hostFinished && !finSent && unsent == 0) {
                finSent = true;
                ackDue = false;
                return TcpSegment.frameToGuest(remote, remotePort, guestPort, seq(sent), ackNumber,
                        TcpSegment.FIN | TcpSegment.ACK, ourWindow(), 0, -1, null, 0, 0);
            }
        }
        if (ackDue) {
            ackDue = false;
            return TcpSegment.frameToGuest(remote, remotePort, guestPort, seq(sent) + (finSent ? 1 : 0) & MASK,
                    ackNumber, TcpSegment.ACK, ourWindow(), 0, -1, null, 0, 0);
        }
        return null;
    }

    private int ourWindow() {
        int room = receiveRoom();
        if (guestFinished) {
            room = RECEIVE_WINDOW;
        }
        return guestScale >= 0 ? Math.min(0xffff, room >>> OUR_WINDOW_SCALE) : Math.min(0xffff, room);
    }

    /** Resets the connection from this side (a limit, the stack closing). */
    void abort() {
        if (phase != Phase.DONE) {
            resetDue = true;
            phase = Phase.DONE;
        }
        closeStream();
    }

    @Override
    public String toString() {
        return "tcp :" + guestPort + " -> " + Packets.ipv4Text(remote) + ":" + remotePort + " " + phase
                + (guestFinished ? " guest-fin" : "") + (hostFinished ? " host-fin" : "") + (finSent ? " fin-sent" : "")
                + (finAcknowledged ? " fin-acked" : "") + " sent " + sent + " acked " + acknowledged + " received "
                + received;
    }

    private void closeStream() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }
}
