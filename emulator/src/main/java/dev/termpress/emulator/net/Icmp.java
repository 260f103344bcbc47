package dev.termpress.emulator.net;

/** ICMP (RFC 792): echo replies from the gateway and the DNS server, and "port unreachable" for other UDP. */
final class Icmp {

    private static final int TYPE_ECHO_REPLY = 0;
    private static final int TYPE_DESTINATION_UNREACHABLE = 3;
    private static final int CODE_PORT_UNREACHABLE = 3;
    private static final int TYPE_ECHO_REQUEST = 8;
    private static final int HEADER = 8;

    private Icmp() {
    }

    /** The echo reply to an echo request addressed to one of ours, or null. */
    static byte[] echoReply(Ipv4Packet packet) {
        byte[] in = packet.frame();
        int at = packet.payloadOffset();
        int length = packet.payloadLength();
        if (!Addresses.ours(packet.destination()) || length < HEADER || Packets.u8(in, at) != TYPE_ECHO_REQUEST
                || Checksum.of(in, at, length) != 0) {
            return null;
        }
        byte[] frame = Ipv4Packet.frameToGuest(packet.destination(), Ipv4Packet.PROTOCOL_ICMP, length);
        System.arraycopy(in, at, frame, Ipv4Packet.PAYLOAD, length);
        frame[Ipv4Packet.PAYLOAD] = TYPE_ECHO_REPLY;
        frame[Ipv4Packet.PAYLOAD + 1] = 0;
        Packets.put16(frame, Ipv4Packet.PAYLOAD + 2, 0);
        Packets.put16(frame, Ipv4Packet.PAYLOAD + 2, Checksum.of(frame, Ipv4Packet.PAYLOAD, length));
        return frame;
    }

    /** "Port unreachable" for a UDP datagram nobody serves: its IP header and first 8 payload bytes. */
    static byte[] portUnreachable(Ipv4Packet packet) {
        byte[] in = packet.frame();
        int quoted = Math.min(packet.payloadOffset() - Ipv4Packet.ETHERNET_HEADER + 8,
                packet.payloadOffset() - Ipv4Packet.ETHERNET_HEADER + packet.payloadLength());
        byte[] frame = Ipv4Packet.frameToGuest(packet.destination(), Ipv4Packet.PROTOCOL_ICMP, HEADER + quoted);
        frame[Ipv4Packet.PAYLOAD] = TYPE_DESTINATION_UNREACHABLE;
        frame[Ipv4Packet.PAYLOAD + 1] = CODE_PORT_UNREACHABLE;
        System.arraycopy(in, Ipv4Packet.ETHERNET_HEADER, frame, Ipv4Packet.PAYLOAD + HEADER, quoted);
        Packets.put16(frame, Ipv4Packet.PAYLOAD + 2, Checksum.of(frame, Ipv4Packet.PAYLOAD, HEADER + quoted));
        return frame;
    }
}
