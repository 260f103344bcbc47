package dev.termpress.emulator.net;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of the guest's network stack, which reads every frame a guest sends:
 * the input is a series of frames, each a 2-byte length and its bytes, with a control byte before each
 * that may first tell the host side of every stream something (connected, data, end, failure, drained).
 * No exception may escape, every IPv4 frame the stack sends must parse, and the bounds hold. Seeds are
 * written by {@link #main}.
 */
class UserNetworkFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void framesNeverBreakTheStack(byte[] input) {
        FakeBackend backend = new FakeBackend();
        UserNetwork network = new UserNetwork(backend);
        int at = 0;
        while (at + 3 <= input.length) {
            int control = input[at] & 0xff;
            int length = Math.min((input[at + 1] & 0xff) << 8 | input[at + 2] & 0xff, input.length - at - 3);
            byte[] frame = java.util.Arrays.copyOfRange(input, at + 3, at + 3 + length);
            at += 3 + length;
            hostEvent(backend, control);
            network.receive(frame, frame.length);
            network.poll();
            byte[] out;
            int taken = 0;
            while ((out = network.nextFrame()) != null && taken++ < 10_000) {
                if (out.length >= 14 && Packets.u16(out, 12) == Ipv4Packet.ETHERTYPE_IPV4
                        && Ipv4Packet.parse(out, out.length) == null) {
                    throw new AssertionError("the stack sent a malformed IPv4 frame");
                }
            }
            if (network.connectionCount() > UserNetwork.MAX_CONNECTIONS) {
                throw new AssertionError("more connections than the bound");
            }
        }
    }

    private static void hostEvent(FakeBackend backend, int control) {
        byte[] data = new byte[control * 37];
        for (FakeBackend.Stream stream : backend.streams) {
            if (stream.closed) {
                continue;
            }
            switch (control & 7) {
                case 1 -> backend.later(stream.listener::connected);
                case 2 -> backend.later(() -> stream.listener.received(data, 0, data.length));
                case 3 -> backend.later(stream.listener::endOfStream);
                case 4 -> backend.later(() -> stream.listener.failed("fuzz"));
                case 5 -> {
                    stream.pending = 0;
                    backend.later(stream.listener::drained);
                }
                default -> { }
            }
        }
        for (FakeBackend.NameListener listener : List.copyOf(backend.nameListeners)) {
            if ((control & 0x18) == 0x08) {
                backend.later(() -> listener.found(List.of(new byte[] {127, 0, 0, 1})));
            }
        }
        if ((control & 0x18) == 0x08) {
            backend.nameListeners.clear();
        }
    }

    /** Writes the seeds: a DNS question, and a TCP connection that connects, exchanges data and closes. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0]
                : "emulator/src/test/resources/dev/termpress/emulator/net/UserNetworkFuzzTestInputs/framesNeverBreakTheStack");
        Files.createDirectories(dir);
        byte[] none = new byte[0];
        Files.write(dir.resolve("arp-ping-dns"), series(new int[] {0, 0, 8},
                GuestFrames.arpRequest(Addresses.GATEWAY), GuestFrames.icmpEcho(Addresses.GATEWAY, new byte[16]),
                GuestFrames.udp(Addresses.DNS, 999, 53, GuestFrames.dnsQuery("example.test", 1))));
        Files.write(dir.resolve("tcp-session"), series(new int[] {0, 1, 2, 3, 0},
                GuestFrames.tcp(Addresses.GATEWAY, 4000, 80, 100, 0, TcpSegment.SYN, 1000, none),
                GuestFrames.tcp(Addresses.GATEWAY, 4000, 80, 101, 0x6d6f6f01L, TcpSegment.ACK, 1000, none),
                GuestFrames.tcp(Addresses.GATEWAY, 4000, 80, 101, 0x6d6f6f01L, TcpSegment.ACK | TcpSegment.PSH, 1000,
                        "GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                GuestFrames.tcp(Addresses.GATEWAY, 4000, 80, 119, 0x6d6f6f01L + 74, TcpSegment.ACK, 1000, none),
                GuestFrames.tcp(Addresses.GATEWAY, 4000, 80, 119, 0x6d6f6f01L + 75, TcpSegment.ACK | TcpSegment.FIN,
                        1000, none)));
    }

    private static byte[] series(int[] controls, byte[]... frames) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < frames.length; i++) {
            out.write(controls[i]);
            out.write(frames[i].length >> 8);
            out.write(frames[i].length);
            out.writeBytes(frames[i]);
        }
        return out.toByteArray();
    }
}
