package dev.termpress.emulator.net;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated and random frames (bit flips, lying length fields, truncations, garbage) never make the stack
 * throw, and everything it answers is a well-formed frame; its queues stay within their bounds.
 */
class HostileFramesTest {

    private static final int ROUNDS = 100_000;

    @Test
    void mutatedFramesNeverThrow() {
        Random random = new Random(16);
        FakeBackend backend = new FakeBackend();
        UserNetwork network = new UserNetwork(backend);
        List<byte[]> seeds = List.of(
                GuestFrames.arpRequest(Addresses.GATEWAY),
                GuestFrames.icmpEcho(Addresses.DNS, new byte[32]),
                GuestFrames.udp(Addresses.DNS, 999, 53, GuestFrames.dnsQuery("a.example.test", 1)),
                GuestFrames.tcp(Addresses.GATEWAY, 4000, 80, 5, 0, TcpSegment.SYN, 100, new byte[0]),
                GuestFrames.tcp(Addresses.GATEWAY, 4000, 80, 6, 1, TcpSegment.ACK | TcpSegment.FIN, 100, new byte[50]));
        assertThatCode(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                byte[] frame = seeds.get(random.nextInt(seeds.size())).clone();
                int edits = 1 + random.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    int at = random.nextInt(frame.length);
                    switch (random.nextInt(3)) {
                        case 0 -> frame[at] ^= (byte) (1 << random.nextInt(8));
                        case 1 -> frame[at] = (byte) random.nextInt(256);
                        default -> frame = java.util.Arrays.copyOf(frame, 1 + random.nextInt(frame.length + 40));
                    }
                }
                network.receive(frame, random.nextInt(8) == 0 ? random.nextInt(frame.length + 1) : frame.length);
                if (random.nextInt(4) == 0) {
                    for (FakeBackend.Stream stream : backend.streams) {
                        if (!stream.closed && random.nextBoolean()) {
                            backend.later(stream.listener::connected);
                        }
                    }
                }
                network.poll();
                byte[] out;
                int taken = 0;
                while ((out = network.nextFrame()) != null && taken++ < 1000) {
                    if (Packets.u16(out, 12) == Ipv4Packet.ETHERTYPE_IPV4 && Ipv4Packet.parse(out, out.length) == null) {
                        throw new AssertionError("the stack sent a malformed IPv4 frame in round " + round);
                    }
                }
                if (network.connectionCount() > UserNetwork.MAX_CONNECTIONS) {
                    throw new AssertionError("more connections than the bound");
                }
            }
        }).doesNotThrowAnyException();
    }
}
