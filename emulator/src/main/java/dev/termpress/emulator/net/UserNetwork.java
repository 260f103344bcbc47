package dev.termpress.emulator.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host side of the guest's Ethernet link: takes the guest's frames ({@link #receive}) and makes
 * the frames it sends back ({@link #nextFrame}, pulled by the device whenever the guest has a receive
 * buffer, so nothing is dropped for want of one). It answers ARP for the gateway and the DNS server,
 * ICMP echo to them, DNS on 10.0.2.3:53 through the backend, and turns the guest's TCP connections into
 * backend streams; other UDP gets "port unreachable", anything else is dropped. Bounded:
 * {@link #MAX_CONNECTIONS} connections, {@link #MAX_PENDING_NAMES} lookups, {@link #MAX_QUEUED_FRAMES}
 * frames of replies waiting for receive buffers. Machine thread only; a malformed frame is dropped.
 */
public final class UserNetwork {

    public static final int MAX_CONNECTIONS = 64;
    public static final int MAX_PENDING_NAMES = 16;
    public static final int MAX_QUEUED_FRAMES = 256;
    private static final int DNS_PORT = 53;
    private static final int SMALLEST_ETHERNET_FRAME = 14;

    private final NetworkBackend backend;
    private final Map<Long, TcpConnection> connections = new LinkedHashMap<>();
    private final ArrayDeque<byte[]> replies = new ArrayDeque<>();
    private final List<TcpConnection> rotation = new ArrayList<>();
    private int pendingNames;
    private int nextConnection;
    private long initialSequence = 0x6d6f_6f00L;
    private long droppedFrames;

    public UserNetwork(NetworkBackend backend) {
        this.backend = backend;
    }

    public NetworkBackend backend() {
        return backend;
    }

    /** Open TCP connections (including ones still connecting or closing). */
    public int connectionCount() {
        forgetFinished();
        return connections.size();
    }

    /** Whether the host owes the guest something: a connect or a lookup under way, or an open connection. */
    public boolean waitingForHost() {
        return pendingNames > 0 || connectionCount() > 0;
    }

    /** Frames from the guest that were dropped as malformed, unsupported or over a limit. */
    public long droppedFrames() {
        return droppedFrames;
    }

    /** Runs the backend's pending callbacks (host data, connects, answers); true if any ran. */
    public boolean poll() {
        return backend.poll() > 0;
    }

    /** One Ethernet frame from the guest, the first {@code length} bytes of {@code frame} (which the stack may keep). */
    public void receive(byte[] frame, int length) {
        if (length < SMALLEST_ETHERNET_FRAME || length > frame.length) {
            droppedFrames++;
            return;
        }
        int type = Packets.u16(frame, 12);
        if (type == Ipv4Packet.ETHERTYPE_ARP) {
            queue(Arp.reply(frame, length));
            return;
        }
        Ipv4Packet packet = Ipv4Packet.parse(frame, length);
        if (packet == null || packet.source() != Addresses.GUEST) {
            droppedFrames++;
            return;
        }
        switch (packet.protocol()) {
            case Ipv4Packet.PROTOCOL_ICMP -> queue(Icmp.echoReply(packet));
            case Ipv4Packet.PROTOCOL_UDP -> udp(packet);
            case Ipv4Packet.PROTOCOL_TCP -> tcp(packet);
            default -> droppedFrames++;
        }
    }

    private void queue(byte[] frame) {
        if (frame == null) {
            droppedFrames++;
        } else if (replies.size() < MAX_QUEUED_FRAMES) {
            replies.add(frame);
        } else {
            droppedFrames++;
        }
    }

    // ---- UDP: DNS ----

    private void udp(Ipv4Packet packet) {
        UdpDatagram datagram = UdpDatagram.parse(packet);
        if (datagram == null) {
            droppedFrames++;
            return;
        }
        if (packet.destination() != Addresses.DNS || datagram.destinationPort() != DNS_PORT) {
            if (Addresses.inGuestNetwork(packet.destination())) {
                queue(Icmp.portUnreachable(packet));
            } else {
                droppedFrames++; // no UDP to the outside
            }
            return;
        }
        DnsQuery.Parsed parsed = DnsQuery.parse(packet.frame(), datagram.dataOffset(), datagram.dataLength());
        if (parsed == null) {
            droppedFrames++;
            return;
        }
        int guestPort = datagram.sourcePort();
        DnsQuery query = parsed.query();
        if (query == null) {
            answer(guestPort, DnsQuery.bareError(parsed.id(), parsed.flags(), parsed.rcode()));
        } else if (!query.plainName() || query.questionClass() != DnsQuery.CLASS_IN) {
            answer(guestPort, query.error(DnsQuery.RCODE_NAME_ERROR));
        } else if (query.name().equals(Addresses.HOST_NAME)) {
            answer(guestPort, query.answer(List.of(Packets.ipv4Bytes(Addresses.GATEWAY))));
        } else if (pendingNames >= MAX_PENDING_NAMES) {
            answer(guestPort, query.error(DnsQuery.RCODE_SERVER_FAILURE));
        } else {
            pendingNames++;
            backend.resolve(query.name(), new NetworkBackend.NameListener() {
                @Override
                public void found(List<byte[]> addresses) {
                    pendingNames--;
                    List<byte[]> seen = new ArrayList<>();
                    for (byte[] address : addresses) {
                        // The host's loopback is the guest's gateway (the guest's own 127/8 is itself).
                        seen.add((address[0] & 0xff) == 127 ? Packets.ipv4Bytes(Addresses.GATEWAY) : address);
                    }
                    answer(guestPort, query.answer(seen));
                }

                @Override
                public void notFound() {
                    pendingNames--;
                    answer(guestPort, query.error(DnsQuery.RCODE_NAME_ERROR));
                }

                @Override
                public void failed() {
                    pendingNames--;
                    answer(guestPort, query.error(DnsQuery.RCODE_SERVER_FAILURE));
                }
            });
        }
    }

    private void answer(int guestPort, byte[] message) {
        queue(UdpDatagram.frameToGuest(Addresses.DNS, DNS_PORT, guestPort, message));
    }

    // ---- TCP ----

    private static long key(int guestPort, int remote, int remotePort) {
        return (long) guestPort << 48 | (remote & 0xffff_ffffL) << 16 | remotePort;
    }

    private void tcp(Ipv4Packet packet) {
        TcpSegment s = TcpSegment.parse(packet);
        if (s == null) {
            droppedFrames++;
            return;
        }
        int remote = packet.destination();
        long key = key(s.sourcePort(), remote, s.destinationPort());
        TcpConnection connection = connections.get(key);
        if (connection != null) {
            connection.segment(s, packet.frame());
            return;
        }
        if (s.has(TcpSegment.RST)) {
            return; // never answer a reset
        }
        if (!s.has(TcpSegment.SYN) || s.has(TcpSegment.ACK)) {
            refuse(remote, s);
            return;
        }
        byte[] hostAddress;
        if (remote == Addresses.GATEWAY) {
            hostAddress = Packets.ipv4Bytes(Addresses.HOST_LOOPBACK);
        } else if (Addresses.inGuestNetwork(remote) || !routable(remote) || connections.size() >= MAX_CONNECTIONS) {
            refuse(remote, s);
            return;
        } else {
            hostAddress = Packets.ipv4Bytes(remote);
        }
        TcpConnection fresh = new TcpConnection(s.sourcePort(), remote, s.destinationPort(), s, initialSequence);
        initialSequence = (initialSequence + 0x0100_0000L) & 0xffff_ffffL;
        connections.put(key, fresh);
        rotation.add(fresh);
        fresh.open(backend.connect(hostAddress, s.destinationPort(), fresh));
    }

    /** Unicast addresses only: not 0/8, loopback (the guest's own), multicast or the broadcast range. */
    private static boolean routable(int address) {
        int first = address >>> 24;
        return first != 0 && first != 127 && first < 224;
    }

    /** A reset for a segment that belongs to no connection (RFC 9293 §3.10.7.1). */
    private void refuse(int remote, TcpSegment s) {
        long ack = (s.sequence() + s.dataLength() + (s.has(TcpSegment.SYN) ? 1 : 0) + (s.has(TcpSegment.FIN) ? 1 : 0))
                & 0xffff_ffffL;
        if (s.has(TcpSegment.ACK)) {
            queue(TcpSegment.frameToGuest(remote, s.destinationPort(), s.sourcePort(), s.acknowledgment(), 0,
                    TcpSegment.RST, 0, 0, -1, null, 0, 0));
        } else {
            queue(TcpSegment.frameToGuest(remote, s.destinationPort(), s.sourcePort(), 0, ack,
                    TcpSegment.RST | TcpSegment.ACK, 0, 0, -1, null, 0, 0));
        }
    }

    // ---- to the guest ----

    /** The next frame for the guest, or null: replies first, then each connection in turn. */
    public byte[] nextFrame() {
        byte[] reply = replies.poll();
        if (reply != null) {
            return reply;
        }
        int count = rotation.size();
        for (int i = 0; i < count; i++) {
            int at = (nextConnection + i) % count;
            TcpConnection connection = rotation.get(at);
            byte[] frame = connection.nextFrame();
            if (frame != null) {
                nextConnection = (at + 1) % count;
                return frame;
            }
        }
        forgetFinished();
        return null;
    }

    private void forgetFinished() {
        for (Iterator<TcpConnection> it = rotation.iterator(); it.hasNext();) {
            TcpConnection connection = it.next();
            if (connection.finished()) {
                it.remove();
                connections.remove(key(connection.guestPort, connection.remote, connection.remotePort));
            }
        }
        if (nextConnection >= rotation.size()) {
            nextConnection = 0;
        }
    }

    /** The open connections, one a line, for error messages and logs. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (TcpConnection connection : rotation) {
            out.append(connection).append('\n');
        }
        return out.toString();
    }

    /** Resets every connection (the guest is told when it next takes frames) and closes the backend. */
    public void close() {
        for (TcpConnection connection : rotation) {
            connection.abort();
        }
        backend.close();
    }
}
