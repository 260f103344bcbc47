package dev.termpress.emulator.net;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.StateWriter;
import dev.termpress.emulator.virtio.VirtioNet;
import org.junit.jupiter.api.Test;

/** A snapshot cannot hold the host's end of a TCP connection: saving one with connections open is refused. */
class NetworkSnapshotTest {

    @Test
    void savingWithAnOpenConnectionIsRefusedAndWithoutOneWorks() throws Exception {
        VirtioNet device = new VirtioNet();
        UserNetwork network = new UserNetwork(new FakeBackend());
        device.connect(network);
        assertThatCode(() -> device.saveState(new StateWriter())).doesNotThrowAnyException();

        byte[] syn = GuestFrames.tcp(Addresses.GATEWAY, 40000, 80, 1, 0, TcpSegment.SYN, 1000, new byte[0]);
        network.receive(syn, syn.length);

        assertThatThrownBy(() -> device.saveState(new StateWriter())).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("1 TCP connections are open");
    }
}
