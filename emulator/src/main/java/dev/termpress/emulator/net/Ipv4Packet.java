package dev.termpress.emulator.net;

/**
 * An IPv4 packet inside an Ethernet frame (RFC 791), parsed and checked: version 4, a header of at
 * least 20 bytes, a total length that fits the frame, a valid header checksum and no fragmentation
 * (the guest's MTU is the link's, so it never fragments; fragments are dropped).
 */
record Ipv4Packet(byte[] frame, int source, int destination, int protocol, int payloadOffset, int payloadLength) {

    static final int ETHERNET_HEADER = 14;
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int HEADER = 20;
    /** Where an IPv4 payload starts in the frames this stack builds (no options). */
    static final int PAYLOAD = ETHERNET_HEADER + HEADER;
    static final int PROTOCOL_ICMP = 1;
    static final int PROTOCOL_TCP = 6;
    static final int PROTOCOL_UDP = 17;
    /** The link's MTU: the largest IPv4 packet either side sends. */
    static final int MTU = 1500;
    private static final int FLAG_DONT_FRAGMENT = 0x4000;
    private static final int FLAG_MORE_FRAGMENTS = 0x2000;
    private static final int FRAGMENT_OFFSET = 0x1fff;
    private static final int TTL = 64;

    /** The packet in the first {@code length} bytes of {@code frame}, or null if it is not a well-formed unfragmented IPv4 packet. */
    static Ipv4Packet parse(byte[] frame, int length) {
        if (length < PAYLOAD || Packets.u16(frame, 12) != ETHERTYPE_IPV4) {
            return null;
        }
        int at = ETHERNET_HEADER;
        int versionAndLength = Packets.u8(frame, at);
        int headerLength = (versionAndLength & 0xf) * 4;
        int total = Packets.u16(frame, at + 2);
        if (versionAndLength >>> 4 != 4 || headerLength < HEADER || total < headerLength
                || total > length - ETHERNET_HEADER) {
            return null;
        }
        if (Checksum.of(frame, at, headerLength) != 0) {
            return null;
        }
        int fragment = Packets.u16(frame, at + 6);
        if ((fragment & (FLAG_MORE_FRAGMENTS | FRAGMENT_OFFSET)) != 0) {
            return null;
        }
        return new Ipv4Packet(frame, Packets.ipv4(frame, at + 12), Packets.ipv4(frame, at + 16),
                Packets.u8(frame, at + 9), at + headerLength, total - headerLength);
    }

    /**
     * A new frame from the gateway to the guest with the Ethernet and IPv4 headers filled in; the caller
     * writes {@code payloadLength} bytes at {@link #PAYLOAD}.
     */
    static byte[] frameToGuest(int source, int protocol, int payloadLength) {
        byte[] frame = new byte[PAYLOAD + payloadLength];
        System.arraycopy(Addresses.GUEST_MAC, 0, frame, 0, 6);
        System.arraycopy(Addresses.GATEWAY_MAC, 0, frame, 6, 6);
        Packets.put16(frame, 12, ETHERTYPE_IPV4);
        int at = ETHERNET_HEADER;
        frame[at] = 0x45;
        Packets.put16(frame, at + 2, HEADER + payloadLength);
        Packets.put16(frame, at + 6, FLAG_DONT_FRAGMENT); // an atomic datagram: id 0 (RFC 6864)
        frame[at + 8] = (byte) TTL;
        frame[at + 9] = (byte) protocol;
        Packets.put32(frame, at + 12, source & 0xffff_ffffL);
        Packets.put32(frame, at + 16, Addresses.GUEST & 0xffff_ffffL);
        Packets.put16(frame, at + 10, Checksum.of(frame, at, HEADER));
        return frame;
    }
}
