package dev.termpress.emulator.net;

/** A UDP datagram (RFC 768), parsed and checked (length, and the checksum unless the sender left it 0). */
record UdpDatagram(int sourcePort, int destinationPort, int dataOffset, int dataLength) {

    static final int HEADER = 8;

    /** The datagram in {@code packet}, or null if malformed. */
    static UdpDatagram parse(Ipv4Packet packet) {
        byte[] b = packet.frame();
        int at = packet.payloadOffset();
        if (packet.payloadLength() < HEADER) {
            return null;
        }
        int length = Packets.u16(b, at + 4);
        if (length < HEADER || length > packet.payloadLength()) {
            return null;
        }
        if (Packets.u16(b, at + 6) != 0 && Checksum.transport(packet.source(), packet.destination(),
                Ipv4Packet.PROTOCOL_UDP, b, at, length) != 0) {
            return null;
        }
        return new UdpDatagram(Packets.u16(b, at), Packets.u16(b, at + 2), at + HEADER, length - HEADER);
    }

    /** A frame carrying {@code data} from {@code source}:{@code sourcePort} to the guest's {@code guestPort}. */
    static byte[] frameToGuest(int source, int sourcePort, int guestPort, byte[] data) {
        int length = HEADER + data.length;
        byte[] frame = Ipv4Packet.frameToGuest(source, Ipv4Packet.PROTOCOL_UDP, length);
        int at = Ipv4Packet.PAYLOAD;
        Packets.put16(frame, at, sourcePort);
        Packets.put16(frame, at + 2, guestPort);
        Packets.put16(frame, at + 4, length);
        System.arraycopy(data, 0, frame, at + HEADER, data.length);
        int sum = Checksum.transport(source, Addresses.GUEST, Ipv4Packet.PROTOCOL_UDP, frame, at, length);
        Packets.put16(frame, at + 6, sum == 0 ? 0xffff : sum); // 0 would mean "no checksum"
        return frame;
    }
}
