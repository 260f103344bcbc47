package dev.termpress.emulator.p9;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.fs.Errno;
import java.util.function.Supplier;

/**
 * The fuzz tests' oracle for one reply: a well-formed R-message for the request's tag within the reply
 * buffer, and never the EIO that {@link NinePServer#handle} makes of a host exception.
 */
final class WellFormedReply {

    /** Rlerror: header and a 4-byte errno. */
    static final int RLERROR_SIZE = NineP.HEADER_SIZE + 4;

    private WellFormedReply() {
    }

    /**
     * Checks the reply {@code head} (plus {@code dataLength} bytes of data after it) to a request of
     * {@code type} and {@code tag} (-1 and NOTAG when the request was too short to have them).
     *
     * @return whether the reply is an Rlerror
     */
    static boolean check(Supplier<String> what, int type, int tag, int capacity, byte[] head, int dataLength) {
        int total = head.length + dataLength;
        if (head.length == 0) {
            assertThat(capacity).as(() -> "an empty reply only when not even Rlerror fits: " + what.get())
                    .isLessThan(RLERROR_SIZE);
            return false;
        }
        assertThat(head.length).as(what).isGreaterThanOrEqualTo(NineP.HEADER_SIZE);
        assertThat(total).as(() -> "reply within the buffer: " + what.get()).isLessThanOrEqualTo(capacity);
        assertThat(u32(head, 0)).as(() -> "size field: " + what.get()).isEqualTo(total);
        int replyType = head[4] & 0xff;
        int replyTag = head[5] & 0xff | (head[6] & 0xff) << 8;
        if (replyType != NineP.TFLUSH + 1) { // a flush's reply may follow another request's
            assertThat(replyTag).as(() -> "tag: " + what.get()).isEqualTo(tag);
        }
        if (replyType == NineP.RLERROR) {
            assertThat(head.length).as(what).isEqualTo(RLERROR_SIZE);
            assertThat(u32(head, 7)).as(() -> "EIO means a host exception: " + what.get()).isNotEqualTo(Errno.EIO);
            return true;
        }
        if (replyType != NineP.TFLUSH + 1) {
            assertThat(replyType).as(() -> "reply type: " + what.get()).isEqualTo(type + 1);
        }
        return false;
    }

    static int u32(byte[] b, int at) {
        return b[at] & 0xff | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    static String hex(byte[] b) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 48); i++) {
            out.append(String.format("%02x", b[i] & 0xff));
        }
        return out.append(b.length > 48 ? "... (" + b.length + " bytes)" : "").toString();
    }
}
