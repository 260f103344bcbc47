package dev.termpress.emulator.p9;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated messages against the server: well-formed T-messages of every kind (the seeds), then bit
 * flips, overwritten bytes, lying size fields, truncations, garbage tails, random types, oversized
 * and tiny reply buffers. Every reply must be a well-formed R-message for the request's tag, no
 * larger than the reply buffer, and never the EIO the server turns a host exception into; no
 * exception may escape. {@code -Dtermpress.fuzz.p9.messages=N} runs a longer campaign (docs/architecture.md).
 */
class NinePMessageFuzzTest {

    private static final int MESSAGES = Integer.getInteger("termpress.fuzz.p9.messages", 200_000);
    private static final long SEED = Long.getLong("termpress.fuzz.p9.seed", 12);
    private static final int[] INTERESTING = {0, 1, 0x7f, 0x80, 0xff};

    private final Random random = new Random(SEED);
    private final NineClient client = new NineClient(new NinePServer(TestImage.fs())).connect(65536);
    private final RandomMessages seeds = new RandomMessages(client, random);
    private int replies;
    private int errors;

    @Test
    void mutatedMessagesGetWellFormedRepliesAndNeverAHostException() {
        NinePServer server = client.server;
        for (int i = 0; i < MESSAGES; i++) {
            if (i % 2000 == 0 || server.fidCount() == 0) {
                client.connect(random.nextBoolean() ? 65536 : NinePServer.MAX_MSIZE);
            }
            byte[] message = mutate(seed().bytes());
            int length = random.nextInt(20) == 0 ? random.nextInt(message.length + 1) : message.length;
            int capacity = random.nextInt(10) == 0 ? random.nextInt(64) : NinePServer.MAX_MSIZE;
            int tag = length >= 7 ? (message[5] & 0xff | (message[6] & 0xff) << 8) : NineP.NOTAG;
            int type = length >= 5 ? message[4] & 0xff : -1;
            int round = i;
            server.handle(message, length, capacity, (head, headLength, data, offset, dataLength) ->
                    check(round, message, type, tag, capacity, Arrays.copyOf(head, headLength), dataLength));
        }
        System.out.println("9P message fuzz: seed " + SEED + ", " + MESSAGES + " messages, " + replies + " replies, "
                + errors + " Rlerror, no host exception");
        assertThat(replies).as("replies").isGreaterThanOrEqualTo(MESSAGES * 9 / 10);
        assertThat(errors).as("mutations mostly break messages, seeds mostly succeed").isBetween(MESSAGES / 10,
                replies - MESSAGES / 20);
    }

    private TMessage seed() {
        if (random.nextInt(50) == 0) {
            return random.nextBoolean()
                    ? new TMessage(NineP.TVERSION, NineP.NOTAG).u32(random.nextInt(1 << 20)).string("9P2000.L")
                    : client.t(NineP.TATTACH).u32(random.nextInt(8)).u32(NineP.NOFID).string("u").string("")
                            .u32(random.nextInt(3) - 1);
        }
        return seeds.next();
    }

    /** Zero to three mutations; a quarter of the messages stay as they are. */
    private byte[] mutate(byte[] message) {
        int count = random.nextInt(4);
        for (int m = 0; m < count; m++) {
            switch (random.nextInt(7)) {
                case 0 -> message[random.nextInt(message.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> message[random.nextInt(message.length)] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
                case 2 -> putU32(message, 0, random.nextBoolean() ? random.nextInt() : message.length + random.nextInt(9) - 4);
                case 3 -> message = Arrays.copyOf(message, random.nextInt(message.length + 1));
                case 4 -> {
                    int extra = random.nextInt(random.nextInt(10) == 0 ? 600_000 : 64);
                    byte[] longer = Arrays.copyOf(message, message.length + extra);
                    for (int i = message.length; i < longer.length; i += 1 + random.nextInt(16)) {
                        longer[i] = (byte) random.nextInt(256);
                    }
                    putU32(longer, 0, longer.length);
                    message = longer;
                }
                case 5 -> {
                    if (message.length > 4) {
                        message[4] = (byte) random.nextInt(256);
                    }
                }
                default -> {
                    if (message.length > 9) { // a string or count field: a length that lies
                        int at = 7 + random.nextInt(message.length - 8);
                        message[at] = (byte) 0xff;
                        message[at + 1] = (byte) random.nextInt(256);
                    }
                }
            }
            if (message.length == 0) {
                message = new byte[] {(byte) random.nextInt(256)};
            }
        }
        return message;
    }

    private void check(int round, byte[] message, int type, int tag, int capacity, byte[] head, int dataLength) {
        replies++;
        if (WellFormedReply.check(() -> "round " + round + ", message " + WellFormedReply.hex(message), type, tag,
                capacity, head, dataLength)) {
            errors++;
        }
    }

    private static void putU32(byte[] b, int at, int v) {
        if (b.length >= at + 4) {
            for (int i = 0; i < 4; i++) {
                b[at + i] = (byte) (v >>> 8 * i);
            }
        }
    }
}
