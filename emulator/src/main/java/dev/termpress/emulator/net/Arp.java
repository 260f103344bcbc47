package dev.termpress.emulator.net;

/** ARP over Ethernet for IPv4 (RFC 826): answers the guest's requests for the gateway and the DNS server. */
final class Arp {

    private static final int LENGTH = 28;
    private static final int HARDWARE_ETHERNET = 1;
    private static final int OPERATION_REQUEST = 1;
    private static final int OPERATION_REPLY = 2;

    private Arp() {
    }

    /** The reply to an ARP request in {@code frame}, or null if it is none or asks for an address not ours. */
    static byte[] reply(byte[] frame, int length) {
        int at = Ipv4Packet.ETHERNET_HEADER;
        if (length < at + LENGTH || Packets.u16(frame, at) != HARDWARE_ETHERNET
                || Packets.u16(frame, at + 2) != Ipv4Packet.ETHERTYPE_IPV4 || Packets.u8(frame, at + 4) != 6
                || Packets.u8(frame, at + 5) != 4 || Packets.u16(frame, at + 6) != OPERATION_REQUEST) {
            return null;
        }
        int target = Packets.ipv4(frame, at + 24);
        if (!Addresses.ours(target)) {
            return null;
        }
        byte[] reply = new byte[at + LENGTH];
        System.arraycopy(frame, at + 8, reply, 0, 6); // to the sender's hardware address
        System.arraycopy(Addresses.GATEWAY_MAC, 0, reply, 6, 6);
        Packets.put16(reply, 12, Ipv4Packet.ETHERTYPE_ARP);
        System.arraycopy(frame, at, reply, at, 6); // hardware and protocol types and lengths
        Packets.put16(reply, at + 6, OPERATION_REPLY);
        System.arraycopy(Addresses.GATEWAY_MAC, 0, reply, at + 8, 6);
        Packets.put32(reply, at + 14, target & 0xffff_ffffL);
        System.arraycopy(frame, at + 8, reply, at + 18, 10); // the sender's hardware and protocol addresses
        return reply;
    }
}
