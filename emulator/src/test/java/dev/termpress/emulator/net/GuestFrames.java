package dev.termpress.emulator.net;

/** Frames as the guest's kernel sends them (Ethernet to the gateway's MAC, IPv4 from 10.0.2.15), for tests. */
final class GuestFrames {

    private GuestFrames() {
    }

    static byte[] arpRequest(int target) {
        byte[] f = new byte[42];
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) 0xff;
        }
        System.arraycopy(Addresses.GUEST_MAC, 0, f, 6, 6);
        Packets.put16(f, 12, Ipv4Packet.ETHERTYPE_ARP);
        Packets.put16(f, 14, 1);
        Packets.put16(f, 16, Ipv4Packet.ETHERTYPE_IPV4);
        f[18] = 6;
        f[19] = 4;
        Packets.put16(f, 20, 1);
        System.arraycopy(Addresses.GUEST_MAC, 0, f, 22, 6);
        Packets.put32(f, 28, Addresses.GUEST & 0xffff_ffffL);
        Packets.put32(f, 38, target & 0xffff_ffffL);
        return f;
    }

    /** An IPv4 frame from the guest with {@code payload}; the caller fills the transport checksum. */
    static byte[] ipv4(int destination, int protocol, byte[] payload) {
        byte[] f = new byte[Ipv4Packet.PAYLOAD + payload.length];
        System.arraycopy(Addresses.GATEWAY_MAC, 0, f, 0, 6);
        System.arraycopy(Addresses.GUEST_MAC, 0, f, 6, 6);
        Packets.put16(f, 12, Ipv4Packet.ETHERTYPE_IPV4);
        f[14] = 0x45;
        Packets.put16(f, 16, 20 + payload.length);
        f[22] = 64;
        f[23] = (byte) protocol;
        Packets.put32(f, 26, Addresses.GUEST & 0xffff_ffffL);
        Packets.put32(f, 30, destination & 0xffff_ffffL);
        Packets.put16(f, 24, Checksum.of(f, 14, 20));
        System.arraycopy(payload, 0, f, Ipv4Packet.PAYLOAD, payload.length);
        return f;
    }

    static byte[] icmpEcho(int destination, byte[] data) {
        byte[] icmp = new byte[8 + data.length];
        icmp[0] = 8;
        Packets.put16(icmp, 4, 0x1234);
        Packets.put16(icmp, 6, 1);
        System.arraycopy(data, 0, icmp, 8, data.length);
        Packets.put16(icmp, 2, Checksum.of(icmp, 0, icmp.length));
        return ipv4(destination, Ipv4Packet.PROTOCOL_ICMP, icmp);
    }

    static byte[] udp(int destination, int sourcePort, int destinationPort, byte[] data) {
        byte[] udp = new byte[8 + data.length];
        Packets.put16(udp, 0, sourcePort);
        Packets.put16(udp, 2, destinationPort);
        Packets.put16(udp, 4, udp.length);
        System.arraycopy(data, 0, udp, 8, data.length);
        byte[] f = ipv4(destination, Ipv4Packet.PROTOCOL_UDP, udp);
        Packets.put16(f, Ipv4Packet.PAYLOAD + 6, Checksum.transport(Addresses.GUEST, destination,
                Ipv4Packet.PROTOCOL_UDP, f, Ipv4Packet.PAYLOAD, udp.length));
        return f;
    }

    /** A DNS query for {@code name}, type A, id 0x4242, recursion desired. */
    static byte[] dnsQuery(String name, int type) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x42, 0x42, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.writeBytes(new byte[] {0, 0, (byte) type, 0, 1});
        return out.toByteArray();
    }

    /** A TCP segment from the guest; a SYN carries MSS 1460 and window scale 7, as Linux sends. */
    static byte[] tcp(int destination, int sourcePort, int destinationPort, long sequence, long ack, int flags,
            int window, byte[] data) {
        boolean syn = (flags & TcpSegment.SYN) != 0;
        int header = syn ? 28 : 20;
        byte[] t = new byte[header + data.length];
        Packets.put16(t, 0, sourcePort);
        Packets.put16(t, 2, destinationPort);
        Packets.put32(t, 4, sequence & 0xffff_ffffL);
        Packets.put32(t, 8, ack & 0xffff_ffffL);
        t[12] = (byte) (header / 4 << 4);
        t[13] = (byte) flags;
        Packets.put16(t, 14, window);
        if (syn) {
            t[20] = 2;
            t[21] = 4;
            Packets.put16(t, 22, 1460);
            t[24] = 1;
            t[25] = 3;
            t[26] = 3;
            t[27] = 7;
        }
        System.arraycopy(data, 0, t, header, data.length);
        byte[] f = ipv4(destination, Ipv4Packet.PROTOCOL_TCP, t);
        Packets.put16(f, Ipv4Packet.PAYLOAD + 16, Checksum.transport(Addresses.GUEST, destination,
                Ipv4Packet.PROTOCOL_TCP, f, Ipv4Packet.PAYLOAD, t.length));
        return f;
    }
}
