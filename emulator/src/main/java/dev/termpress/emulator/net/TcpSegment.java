package dev.termpress.emulator.net;

/**
 * A TCP segment (RFC 9293 §3.1), parsed and checked (data offset, checksum), with the two options this
 * stack uses from a SYN: the maximum segment size and the window scale (RFC 7323 §2).
 *
 * @param mss the MSS option, or -1
 * @param windowScale the window scale option's shift (at most 14), or -1
 */
record TcpSegment(int sourcePort, int destinationPort, long sequence, long acknowledgment, int flags, int window,
        int mss, int windowScale, int dataOffset, int dataLength) {

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    static final int HEADER = 20;
    private static final int OPTION_END = 0;
    private static final int OPTION_NOP = 1;
    private static final int OPTION_MSS = 2;
    private static final int OPTION_WINDOW_SCALE = 3;
    private static final int MAX_WINDOW_SCALE = 14;

    /** The segment in {@code packet}, or null if malformed or its checksum is wrong. */
    static TcpSegment parse(Ipv4Packet packet) {
        byte[] b = packet.frame();
        int at = packet.payloadOffset();
        int length = packet.payloadLength();
        if (length < HEADER) {
            return null;
        }
        int headerLength = (Packets.u8(b, at + 12) >>> 4) * 4;
        if (headerLength < HEADER || headerLength > length) {
            return null;
        }
        if (Checksum.transport(packet.source(), packet.destination(), Ipv4Packet.PROTOCOL_TCP, b, at, length) != 0) {
            return null;
        }
        int mss = -1;
        int scale = -1;
        int o = at + HEADER;
        int end = at + headerLength;
        while (o < end) {
            int kind = Packets.u8(b, o);
            if (kind == OPTION_END) {
                break;
            }
            if (kind == OPTION_NOP) {
                o++;
                continue;
            }
            if (o + 1 >= end) {
                break;
            }
            int size = Packets.u8(b, o + 1);
            if (size < 2 || o + size > end) {
                break; // a malformed option list: ignore the rest of it
            }
            if (kind == OPTION_MSS && size == 4) {
                mss = Packets.u16(b, o + 2);
            } else if (kind == OPTION_WINDOW_SCALE && size == 3) {
                scale = Math.min(MAX_WINDOW_SCALE, Packets.u8(b, o + 2));
            }
            o += size;
        }
        return new TcpSegment(Packets.u16(b, at), Packets.u16(b, at + 2), Packets.u32(b, at + 4),
                Packets.u32(b, at + 8), Packets.u8(b, at + 13) & 0x3f, Packets.u16(b, at + 14), mss, scale,
                at + headerLength, length - headerLength);
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /**
     * A frame with one segment from {@code source}:{@code sourcePort} to the guest; a SYN carries the MSS
     * option and, when {@code windowScale} is not negative, the window scale option.
     */
    static byte[] frameToGuest(int source, int sourcePort, int guestPort, long sequence, long acknowledgment,
            int flags, int window, int mss, int windowScale, byte[] data, int offset, int length) {
        int options = (flags & SYN) == 0 ? 0 : windowScale >= 0 ? 8 : 4;
        int headerLength = HEADER + options;
        byte[] frame = Ipv4Packet.frameToGuest(source, Ipv4Packet.PROTOCOL_TCP, headerLength + length);
        int at = Ipv4Packet.PAYLOAD;
        Packets.put16(frame, at, sourcePort);
        Packets.put16(frame, at + 2, guestPort);
        Packets.put32(frame, at + 4, sequence);
        Packets.put32(frame, at + 8, acknowledgment);
        frame[at + 12] = (byte) (headerLength / 4 << 4);
        frame[at + 13] = (byte) flags;
        Packets.put16(frame, at + 14, window);
        if (options > 0) {
            frame[at + 20] = OPTION_MSS;
            frame[at + 21] = 4;
            Packets.put16(frame, at + 22, mss);
            if (windowScale >= 0) {
                frame[at + 24] = OPTION_NOP;
                frame[at + 25] = OPTION_WINDOW_SCALE;
                frame[at + 26] = 3;
                frame[at + 27] = (byte) windowScale;
            }
        }
        if (length > 0) {
            System.arraycopy(data, offset, frame, at + headerLength, length);
        }
        Packets.put16(frame, at + 16, Checksum.transport(source, Addresses.GUEST, Ipv4Packet.PROTOCOL_TCP, frame, at,
                headerLength + length));
        return frame;
    }
}
