package dev.termpress.emulator.p9;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Coverage-guided fuzzing (Jazzer) of the 9P decoder and server: each input is a session of up to
 * {@link #MAX_MESSAGES} T-messages against a fresh server, attached as root over a small image. Every reply
 * must pass {@link WellFormedReply}; no exception may escape the server.
 *
 * <p>An input is a list of records: a control byte, a 16-bit little-endian length, then that many bytes of
 * message (fewer at the input's end). The control byte's low two bits choose the reply buffer (the
 * largest msize, 64 KiB, the negotiated msize, or as small as the next byte says) and bit 2 keeps the
 * message's own size field, which otherwise is set to the record's length, so that the fuzzer spends its
 * time past the header check. The committed seeds ({@link #main} writes them) are well-formed sessions.
 *
 * <p>In the default build the seeds run as a regression test; the {@code fuzz-*} surefire executions
 * fuzz each target for a few seconds; docs/architecture.md ("Tests") has the long run.
 */
class NinePServerFuzzTest {

    static final int MAX_MESSAGES = 64;
    /** Messages handled over all inputs of this JVM, printed for the long run's record. */
    private static final AtomicLong MESSAGES = new AtomicLong();
    private static final AtomicLong INPUTS = new AtomicLong();
    private static final long REPORT_EVERY = 10_000;
    private static final int KEEP_SIZE_FIELD = 4;
    private static final int SESSION_MSIZE = 65536;

    @FuzzTest(maxDuration = "5s")
    void sessionsGetWellFormedReplies(byte[] input) {
        NineClient client = new NineClient(new NinePServer(TestImage.fs())).connect(SESSION_MSIZE);
        NinePServer server = client.server;
        int at = 0;
        for (int count = 0; count < MAX_MESSAGES && at + 3 <= input.length; count++) {
            int control = input[at] & 0xff;
            int length = Math.min(input[at + 1] & 0xff | (input[at + 2] & 0xff) << 8, input.length - at - 3);
            byte[] message = Arrays.copyOfRange(input, at + 3, at + 3 + length);
            at += 3 + length;
            if ((control & KEEP_SIZE_FIELD) == 0 && length >= 4) {
                for (int i = 0; i < 4; i++) {
                    message[i] = (byte) (length >>> 8 * i);
                }
            }
            int capacity = switch (control & 3) {
                case 0 -> NinePServer.MAX_MSIZE;
                case 1 -> SESSION_MSIZE;
                case 2 -> server.msize();
                default -> control >>> 3;
            };
            int tag = length >= NineP.HEADER_SIZE ? (message[5] & 0xff | (message[6] & 0xff) << 8) : NineP.NOTAG;
            int type = length >= 5 ? message[4] & 0xff : -1;
            int number = count;
            Supplier<String> what = () -> "message " + number + " " + WellFormedReply.hex(message);
            server.handle(message, length, capacity, (head, headLength, data, offset, dataLength) ->
                    WellFormedReply.check(what, type, tag, capacity, Arrays.copyOf(head, headLength), dataLength));
            MESSAGES.incrementAndGet();
        }
        if (INPUTS.incrementAndGet() % REPORT_EVERY == 0) {
            System.out.println("9P fuzz: " + INPUTS.get() + " inputs, " + MESSAGES.get() + " messages");
        }
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (INPUTS.get() > 0) {
                System.out.println("9P fuzz: " + INPUTS.get() + " inputs, " + MESSAGES.get() + " messages");
            }
        }));
    }

    /** Writes the seed corpus: sessions of well-formed messages of every kind ({@link RandomMessages}). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/dev/termpress/emulator/p9/"
                + "NinePServerFuzzTestInputs/sessionsGetWellFormedReplies");
        Files.createDirectories(dir);
        Random random = new Random(9);
        NineClient client = new NineClient(new NinePServer(TestImage.fs()));
        RandomMessages messages = new RandomMessages(client, random);
        for (int seed = 0; seed < 24; seed++) {
            ByteArrayOutputStream session = new ByteArrayOutputStream();
            for (int m = 1 + random.nextInt(8); m > 0; m--) {
                byte[] message = messages.next().bytes();
                session.write(random.nextInt(3));
                session.write(message.length);
                session.write(message.length >>> 8);
                session.write(message, 0, message.length);
            }
            Files.write(dir.resolve(String.format("session-%02d", seed)), session.toByteArray());
        }
    }
}
