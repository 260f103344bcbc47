package dev.termpress.emulator.p9;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.fs.Errno;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Well-formed messages in random order over a few fids and names: the server must answer each one
 * without a host exception (which it would report as EIO) whatever state the tree and fids are in.
 */
class NinePOperationFuzzTest {

    private final NineClient client = new NineClient(new NinePServer(TestImage.fs())).connect(65536);
    private final RandomMessages messages = new RandomMessages(client, new Random(99));

    @Test
    void randomOperationSequencesNeverHitAHostException() {
        int successes = 0;
        for (int round = 0; round < 30_000; round++) {
            if (round % 500 == 0 || client.server.fidCount() == 0) {
                client.connect(65536);
            }
            RMessage reply = client.call(messages.next());
            assertThat(reply.errno()).as("round %d: %s", round, reply).isNotEqualTo(Errno.EIO)
                    .isNotEqualTo(Errno.EPROTO);
            successes += reply.isError() ? 0 : 1;
            if (client.replies.size() > 1000) {
                client.replies.clear();
            }
        }
        assertThat(successes).as("the sequences reach deep states, not just errors").isGreaterThan(3_000);
    }
}
