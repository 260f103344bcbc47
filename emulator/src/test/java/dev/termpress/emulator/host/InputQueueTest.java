package dev.termpress.emulator.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InputQueueTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String drain(InputQueue queue) {
        StringBuilder out = new StringBuilder();
        for (int b = queue.poll(); b >= 0; b = queue.poll()) {
            out.append((char) b);
        }
        return out.toString();
    }

    @Test
    void bytesComeOutInOrderAcrossGrowthAndWrapAround() {
        InputQueue queue = new InputQueue(1 << 20);
        StringBuilder expected = new StringBuilder();
        for (int round = 0; round < 50; round++) {
            String chunk = ("chunk" + round + "-").repeat(round + 1);
            queue.add(ascii(chunk), 0, chunk.length());
            expected.append(chunk);
            if (round % 3 == 0) {
                // Read part of what waits, so the head moves and later writes wrap around.
                for (int i = 0; i < chunk.length() / 2; i++) {
                    assertThat((char) queue.poll()).isEqualTo(expected.charAt(0));
                    expected.deleteCharAt(0);
                }
            }
        }
        assertThat(new String(queue.peekAll(), StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
        assertThat(drain(queue)).isEqualTo(expected.toString());
        assertThat(queue.poll()).isEqualTo(-1);
    }

    @Test
    void peeksWithoutTaking() {
        InputQueue queue = new InputQueue(16);
        queue.add(new byte[] {1, 2, 3}, 0, 3);
        queue.poll();
        assertThat(queue.peekAll()).containsExactly(2, 3);
        assertThat(queue.available()).isEqualTo(2);
    }

    @Test
    void takesOnlyWhatFitsInItsCapacity() {
        InputQueue queue = new InputQueue(1000);
        byte[] paste = new byte[999];
        java.util.Arrays.fill(paste, (byte) 'p');
        assertThat(queue.add(paste, 0, paste.length)).isEqualTo(999);
        assertThat(queue.add(ascii("abc"), 0, 3)).as("one byte left").isEqualTo(1);
        assertThat(queue.add(ascii("d"), 0, 1)).isZero();
        assertThat(queue.available()).isEqualTo(1000);

        queue.poll();
        assertThat(queue.add(ascii("e"), 0, 1)).as("room again once the guest reads").isEqualTo(1);
        assertThat(drain(queue)).hasSize(1000).endsWith("pae");
    }

    @Test
    void aZeroCapacityIsAProgrammingError() {
        assertThatThrownBy(() -> new InputQueue(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
