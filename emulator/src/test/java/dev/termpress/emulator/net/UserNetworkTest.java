package dev.termpress.emulator.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserNetworkTest {

    private static final int GUEST_PORT = 40000;
    private static final long GUEST_ISN = 1000;
    private static final byte[] NOTHING = new byte[0];

    private final FakeBackend backend = new FakeBackend();
    private final UserNetwork network = new UserNetwork(backend);

    private void send(byte[] frame) {
        network.receive(frame, frame.length);
    }

    private List<byte[]> drain() {
        network.poll();
        List<byte[]> out = new ArrayList<>();
        byte[] frame;
        while ((frame = network.nextFrame()) != null) {
            out.add(frame);
        }
        return out;
    }

    private static Ipv4Packet ip(byte[] frame) {
        Ipv4Packet packet = Ipv4Packet.parse(frame, frame.length);
        assertThat(packet).as("a well-formed IPv4 frame with a valid header checksum").isNotNull();
        assertThat(packet.destination()).isEqualTo(Addresses.GUEST);
        return packet;
    }

    private static TcpSegment tcp(byte[] frame) {
        TcpSegment segment = TcpSegment.parse(ip(frame));
        assertThat(segment).as("a TCP segment with a valid checksum").isNotNull();
        return segment;
    }

    private static byte[] data(byte[] frame, TcpSegment s) {
        return java.util.Arrays.copyOfRange(frame, s.dataOffset(), s.dataOffset() + s.dataLength());
    }

    // ---- ARP, ICMP ----

    @Test
    void arpIsAnsweredForTheGatewayAndTheDnsServerOnly() {
        send(GuestFrames.arpRequest(Addresses.GATEWAY));
        send(GuestFrames.arpRequest(Addresses.DNS));
        send(GuestFrames.arpRequest(0x0a00_0263));
        List<byte[]> replies = drain();

        assertThat(replies).hasSize(2);
        byte[] reply = replies.get(0);
        assertThat(java.util.Arrays.copyOfRange(reply, 0, 6)).isEqualTo(Addresses.GUEST_MAC);
        assertThat(Packets.u16(reply, 20)).isEqualTo(2); // a reply
        assertThat(java.util.Arrays.copyOfRange(reply, 22, 28)).isEqualTo(Addresses.GATEWAY_MAC);
        assertThat(Packets.ipv4(reply, 28)).isEqualTo(Addresses.GATEWAY);
        assertThat(Packets.ipv4(reply, 38)).isEqualTo(Addresses.GUEST);
    }

    @Test
    void pingTheGatewayIsEchoedWithItsData() {
        byte[] payload = "abcdefgh-ping".getBytes(StandardCharsets.US_ASCII);
        send(GuestFrames.icmpEcho(Addresses.GATEWAY, payload));
        List<byte[]> replies = drain();

        assertThat(replies).hasSize(1);
        Ipv4Packet packet = ip(replies.get(0));
        assertThat(packet.source()).isEqualTo(Addresses.GATEWAY);
        byte[] f = replies.get(0);
        assertThat(f[packet.payloadOffset()]).isEqualTo((byte) 0);
        assertThat(Checksum.of(f, packet.payloadOffset(), packet.payloadLength())).isZero();
        assertThat(new String(f, packet.payloadOffset() + 8, payload.length, StandardCharsets.US_ASCII))
                .isEqualTo("abcdefgh-ping");
    }

    // ---- DNS ----

    private byte[] dnsAnswer() {
        List<byte[]> replies = drain();
        assertThat(replies).hasSize(1);
        Ipv4Packet packet = ip(replies.get(0));
        UdpDatagram udp = UdpDatagram.parse(packet);
        assertThat(udp).isNotNull();
        assertThat(udp.sourcePort()).isEqualTo(53);
        return java.util.Arrays.copyOfRange(replies.get(0), udp.dataOffset(), udp.dataOffset() + udp.dataLength());
    }

    @Test
    void theHostsNameIsTheGatewayWithoutAskingTheBackend() {
        send(GuestFrames.udp(Addresses.DNS, 5353, 53, GuestFrames.dnsQuery("Host.Termpress.Internal", 1)));
        byte[] answer = dnsAnswer();

        assertThat(backend.lookups).isEmpty();
        assertThat(Packets.u16(answer, 0)).isEqualTo(0x4242);
        assertThat(Packets.u16(answer, 2) & 0x800f).isEqualTo(0x8000); // a response, NOERROR
        assertThat(Packets.u16(answer, 6)).isEqualTo(1);
        assertThat(Packets.ipv4(answer, answer.length - 4)).isEqualTo(Addresses.GATEWAY);
    }

    @Test
    void otherNamesAreAskedOfTheBackendAndItsLoopbackBecomesTheGateway() {
        send(GuestFrames.udp(Addresses.DNS, 5353, 53, GuestFrames.dnsQuery("example.test", 1)));
        assertThat(drain()).isEmpty(); // waiting for the backend
        assertThat(backend.lookups).containsExactly("example.test");
        backend.later(() -> backend.nameListeners.get(0).found(List.of(new byte[] {127, 0, 0, 1},
                new byte[] {(byte) 192, 0, 2, 7})));
        byte[] answer = dnsAnswer();

        assertThat(Packets.u16(answer, 6)).isEqualTo(2);
        assertThat(Packets.ipv4(answer, answer.length - 20)).isEqualTo(Addresses.GATEWAY);
        assertThat(Packets.ipv4(answer, answer.length - 4)).isEqualTo(0xc000_0207);
        assertThat(network.waitingForHost()).isFalse();
    }

    @Test
    void anUnknownNameIsNxdomainAndAMalformedQueryAFormatError() {
        send(GuestFrames.udp(Addresses.DNS, 5353, 53, GuestFrames.dnsQuery("nosuch.test", 1)));
        backend.later(() -> backend.nameListeners.get(0).notFound());
        assertThat(Packets.u16(dnsAnswer(), 2) & 0xf).isEqualTo(3);

        byte[] truncated = java.util.Arrays.copyOf(GuestFrames.dnsQuery("nosuch.test", 1), 16);
        send(GuestFrames.udp(Addresses.DNS, 5353, 53, truncated));
        assertThat(Packets.u16(dnsAnswer(), 2) & 0xf).isEqualTo(1);
    }

    @Test
    void udpToAnotherPortOfOursIsPortUnreachable() {
        send(GuestFrames.udp(Addresses.GATEWAY, 5000, 9999, "x".getBytes(StandardCharsets.US_ASCII)));
        List<byte[]> replies = drain();

        assertThat(replies).hasSize(1);
        Ipv4Packet packet = ip(replies.get(0));
        assertThat(packet.protocol()).isEqualTo(Ipv4Packet.PROTOCOL_ICMP);
        assertThat(replies.get(0)[packet.payloadOffset()]).isEqualTo((byte) 3);
        assertThat(replies.get(0)[packet.payloadOffset() + 1]).isEqualTo((byte) 3);
    }

    // ---- TCP ----

    /** SYN, connected, SYN-ACK, ACK: returns the stream and our initial sequence number. */
    private long[] handshake(FakeBackend.Stream[] streamOut, int guestWindow) {
        send(GuestFrames.tcp(Addresses.GATEWAY, GUEST_PORT, 8080, GUEST_ISN, 0, TcpSegment.SYN, 64240, NOTHING));
        assertThat(drain()).as("no SYN-ACK before the host connected").isEmpty();
        FakeBackend.Stream stream = backend.streams.get(backend.streams.size() - 1);
        assertThat(stream.address).containsExactly(127, 0, 0, 1);
        assertThat(stream.port).isEqualTo(8080);
        backend.later(stream.listener::connected);
        List<byte[]> synAck = drain();
        assertThat(synAck).hasSize(1);
        TcpSegment s = tcp(synAck.get(0));
        assertThat(s.flags()).isEqualTo(TcpSegment.SYN | TcpSegment.ACK);
        assertThat(s.acknowledgment()).isEqualTo(GUEST_ISN + 1);
        assertThat(s.mss()).isEqualTo(1460);
        assertThat(s.windowScale()).isEqualTo(TcpConnection.OUR_WINDOW_SCALE);
        send(GuestFrames.tcp(Addresses.GATEWAY, GUEST_PORT, 8080, GUEST_ISN + 1, s.sequence() + 1, TcpSegment.ACK,
                guestWindow, NOTHING));
        streamOut[0] = stream;
        return new long[] {s.sequence() + 1};
    }

    @Test
    void dataFlowsBothWaysWithinTheGuestsWindowAndTheConnectionCloses() {
        FakeBackend.Stream[] holder = new FakeBackend.Stream[1];
        long ourNext = handshake(holder, 2000 >> 7)[0]; // window 15 << 7 = 1920 bytes
        FakeBackend.Stream stream = holder[0];
        byte[] request = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        send(GuestFrames.tcp(Addresses.GATEWAY, GUEST_PORT, 8080, GUEST_ISN + 1, ourNext,
                TcpSegment.ACK | TcpSegment.PSH, 15, request));
        List<byte[]> acks = drain();
        assertThat(stream.written.toByteArray()).isEqualTo(request);
        assertThat(acks).hasSize(1);
        assertThat(tcp(acks.get(0)).acknowledgment()).isEqualTo(GUEST_ISN + 1 + request.length);

        byte[] response = new byte[5000];
        for (int i = 0; i < response.length; i++) {
            response[i] = (byte) i;
        }
        backend.later(() -> stream.listener.received(response, 0, response.length));
        List<byte[]> first = drain();
        // 1920 bytes of window: one full segment of 1460 and 460 more, then nothing until an ACK.
        assertThat(first).hasSize(2);
        TcpSegment a = tcp(first.get(0));
        TcpSegment b = tcp(first.get(1));
        assertThat(a.sequence()).isEqualTo(ourNext);
        assertThat(a.dataLength()).isEqualTo(1460);
        assertThat(b.sequence()).isEqualTo(ourNext + 1460);
        assertThat(b.dataLength()).isEqualTo(460);
        assertThat(data(first.get(0), a)[0]).isEqualTo((byte) 0);

        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        got.writeBytes(data(first.get(0), a));
        got.writeBytes(data(first.get(1), b));
        long guestNext = GUEST_ISN + 1 + request.length;
        backend.later(stream.listener::endOfStream);
        long acked = ourNext + 1920;
        boolean fin = false;
        while (!fin) {
            send(GuestFrames.tcp(Addresses.GATEWAY, GUEST_PORT, 8080, guestNext, acked, TcpSegment.ACK, 15, NOTHING));
            for (byte[] f : drain()) {
                TcpSegment s = tcp(f);
                got.writeBytes(data(f, s));
                acked = s.sequence() + s.dataLength();
                if (s.has(TcpSegment.FIN)) {
                    fin = true;
                    acked++;
                }
            }
        }
        assertThat(got.toByteArray()).isEqualTo(response);

        // The guest acknowledges our FIN and sends its own; we acknowledge it and forget the connection.
        send(GuestFrames.tcp(Addresses.GATEWAY, GUEST_PORT, 8080, guestNext, acked, TcpSegment.ACK | TcpSegment.FIN,
                15, NOTHING));
        List<byte[]> last = drain();
        assertThat(last).hasSize(1);
        assertThat(tcp(last.get(0)).acknowledgment()).isEqualTo(guestNext + 1);
        assertThat(stream.shutdown).isTrue();
        assertThat(stream.closed).isTrue();
        assertThat(network.connectionCount()).isZero();
    }

    @Test
    void aGuestFinAfterItAcknowledgedOurFinClosesTheConnection() {
        // The guest acknowledges our FIN in one segment and sends its own FIN (same ACK number) later:
        // that second segment once counted as acknowledging bytes never sent, and the connection stayed open.
        FakeBackend.Stream[] holder = new FakeBackend.Stream[1];
        long ourNext = handshake(holder, 1000)[0];
        FakeBackend.Stream stream = holder[0];
        backend.later(stream.listener::endOfStream);
        List<byte[]> fin = drain();
        assertThat(fin).hasSize(1);
        assertThat(tcp(fin.get(0)).has(TcpSegment.FIN)).isTrue();
        long guestNext = GUEST_ISN + 1;
        send(GuestFrames.tcp(Addresses.GATEWAY, GUEST_PORT, 8080, guestNext, ourNext + 1, TcpSegment.ACK, 1000, NOTHING));
        assertThat(drain()).isEmpty();

        send(GuestFrames.tcp(Addresses.GATEWAY, GUEST_PORT, 8080, guestNext, ourNext + 1,
                TcpSegment.ACK | TcpSegment.FIN, 1000, NOTHING));
        List<byte[]> last = drain();

        assertThat(last).hasSize(1);
        assertThat(tcp(last.get(0)).acknowledgment()).isEqualTo(guestNext + 1);
        assertThat(tcp(last.get(0)).sequence()).isEqualTo(ourNext + 1);
        assertThat(network.connectionCount()).isZero();
        assertThat(stream.closed).isTrue();
    }

    @Test
    void dataAheadOfTheExpectedByteIsNotTakenAndGetsADuplicateAck() {
        // Found by UserNetworkFuzzTest: the distance to a later sequence number, cast to int, was negative
        // and passed for "in order", and the host stream was asked to copy from before the segment.
        FakeBackend.Stream[] holder = new FakeBackend.Stream[1];
        long ourNext = handshake(holder, 1000)[0];
        FakeBackend.Stream stream = holder[0];
        byte[] data = "later bytes".getBytes(StandardCharsets.US_ASCII);
        send(GuestFrames.tcp(Addresses.GATEWAY, GUEST_PORT, 8080, GUEST_ISN + 1 + 5000, ourNext, TcpSegment.ACK, 1000,
                data));
        List<byte[]> out = drain();

        assertThat(stream.written.size()).isZero();
        assertThat(out).hasSize(1);
        assertThat(tcp(out.get(0)).acknowledgment()).isEqualTo(GUEST_ISN + 1);
    }

    @Test
    void aRefusedConnectIsAResetToTheSyn() {
        send(GuestFrames.tcp(Addresses.GATEWAY, GUEST_PORT, 81, GUEST_ISN, 0, TcpSegment.SYN, 64240, NOTHING));
        FakeBackend.Stream stream = backend.streams.get(0);
        backend.later(() -> stream.listener.failed("connection refused"));
        List<byte[]> out = drain();

        assertThat(out).hasSize(1);
        TcpSegment rst = tcp(out.get(0));
        assertThat(rst.flags()).isEqualTo(TcpSegment.RST | TcpSegment.ACK);
        assertThat(rst.acknowledgment()).isEqualTo(GUEST_ISN + 1);
        assertThat(network.connectionCount()).isZero();
    }

    @Test
    void addressesInTheGuestsNetworkOtherThanTheGatewayAreRefusedWithoutAConnect() {
        send(GuestFrames.tcp(0x0a00_0263, GUEST_PORT, 80, GUEST_ISN, 0, TcpSegment.SYN, 64240, NOTHING));
        send(GuestFrames.tcp(Addresses.GATEWAY, GUEST_PORT, 80, GUEST_ISN, 77, TcpSegment.ACK, 64240, NOTHING));
        List<byte[]> out = drain();

        assertThat(backend.streams).isEmpty();
        assertThat(out).hasSize(2);
        assertThat(tcp(out.get(0)).flags()).isEqualTo(TcpSegment.RST | TcpSegment.ACK);
        TcpSegment second = tcp(out.get(1));
        assertThat(second.flags()).isEqualTo(TcpSegment.RST);
        assertThat(second.sequence()).isEqualTo(77); // RFC 9293: a reset for an ACK takes its number
    }

    @Test
    void connectionsAreBounded() {
        for (int i = 0; i < UserNetwork.MAX_CONNECTIONS + 1; i++) {
            send(GuestFrames.tcp(0x5db8_d822, 30000 + i, 80, GUEST_ISN, 0, TcpSegment.SYN, 64240, NOTHING));
        }
        List<byte[]> out = drain();

        assertThat(backend.streams).hasSize(UserNetwork.MAX_CONNECTIONS);
        assertThat(out).hasSize(1);
        assertThat(tcp(out.get(0)).destinationPort()).isEqualTo(30000 + UserNetwork.MAX_CONNECTIONS);
    }

    @Test
    void theReceiveWindowIsTheHostStreamsFreeRoom() {
        FakeBackend.Stream[] holder = new FakeBackend.Stream[1];
        long ourNext = handshake(holder, 1000)[0];
        FakeBackend.Stream stream = holder[0];
        stream.pending = TcpConnection.RECEIVE_WINDOW - 100; // the host is slow to take what was written
        byte[] chunk = new byte[300];
        send(GuestFrames.tcp(Addresses.GATEWAY, GUEST_PORT, 8080, GUEST_ISN + 1, ourNext, TcpSegment.ACK, 1000, chunk));
        List<byte[]> out = drain();

        assertThat(stream.written.size()).isEqualTo(100);
        TcpSegment ack = tcp(out.get(out.size() - 1));
        assertThat(ack.acknowledgment()).isEqualTo(GUEST_ISN + 1 + 100);
        assertThat(ack.window()).isZero();

        stream.pending = 0;
        backend.later(stream.listener::drained);
        List<byte[]> update = drain();
        assertThat(update).hasSize(1);
        assertThat((long) tcp(update.get(0)).window() << TcpConnection.OUR_WINDOW_SCALE)
                .isEqualTo(TcpConnection.RECEIVE_WINDOW);
    }

    @Test
    void aBadChecksumOrATruncatedFrameIsDropped() {
        byte[] syn = GuestFrames.tcp(Addresses.GATEWAY, GUEST_PORT, 80, GUEST_ISN, 0, TcpSegment.SYN, 64240, NOTHING);
        syn[syn.length - 1] ^= 1;
        send(syn);
        byte[] echo = GuestFrames.icmpEcho(Addresses.GATEWAY, new byte[10]);
        network.receive(echo, 20);

        assertThat(drain()).isEmpty();
        assertThat(backend.streams).isEmpty();
        assertThat(network.droppedFrames()).isEqualTo(2);
    }
}
