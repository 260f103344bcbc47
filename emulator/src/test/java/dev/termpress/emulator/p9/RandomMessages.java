package dev.termpress.emulator.p9;

import static dev.termpress.emulator.p9.NineClient.ROOT;

import java.util.Random;

/** Well-formed T-messages of every kind over a few fids and names, for the fuzz tests. */
final class RandomMessages {

    private static final String[] NAMES = {"a", "b", "etc", "passwd", "bin", "sh", "..", "big", "home", "x/y", ""};
    private static final int FIDS = 6;

    private final NineClient client;
    private final Random random;

    RandomMessages(NineClient client, Random random) {
        this.client = client;
        this.random = random;
    }

    private int fid() {
        return 1 + random.nextInt(FIDS);
    }

    private String name() {
        return NAMES[random.nextInt(NAMES.length)];
    }

    TMessage next() {
        switch (random.nextInt(22)) {
            case 0:
                return client.t(NineP.TWALK).u32(fid()).u32(fid()).u16(2).string(name()).string(name());
            case 1:
                return client.t(NineP.TWALK).u32(ROOT).u32(fid()).u16(1).string(name());
            case 2:
                return client.t(NineP.TLOPEN).u32(fid()).u32(random.nextInt(3) | (random.nextBoolean() ? 01000 : 0));
            case 3:
                return client.t(NineP.TLCREATE).u32(fid()).string(name()).u32(2).u32(0644).u32(0);
            case 4:
                return client.t(NineP.TREAD).u32(fid()).u64(random.nextInt(400_000)).u32(random.nextInt(70_000));
            case 5:
                byte[] data = new byte[random.nextInt(3000)];
                random.nextBytes(data);
                return client.t(NineP.TWRITE).u32(fid()).u64(random.nextInt(400_000)).u32(data.length).raw(data);
            case 6:
                return client.t(NineP.TREADDIR).u32(fid()).u64(random.nextInt(12)).u32(random.nextInt(2000));
            case 7:
                return client.t(NineP.TGETATTR).u32(fid()).u64(NineP.STATS_BASIC);
            case 8:
                return client.t(NineP.TSETATTR).u32(fid()).u32(random.nextInt(512)).u32(random.nextInt(07777))
                        .u32(random.nextInt(3)).u32(random.nextInt(3)).u64(random.nextInt(500_000))
                        .u64(random.nextInt(100)).u64(random.nextInt(1_000_000_000)).u64(random.nextInt(100))
                        .u64(random.nextInt(1_000_000_000));
            case 9:
                return client.t(NineP.TMKDIR).u32(fid()).string(name()).u32(0755).u32(0);
            case 10:
                return client.t(NineP.TSYMLINK).u32(fid()).string(name()).string(name()).u32(0);
            case 11:
                return client.t(NineP.TMKNOD).u32(fid()).string(name()).u32(0010644).u32(0).u32(0).u32(0);
            case 12:
                return client.t(NineP.TLINK).u32(fid()).u32(fid()).string(name());
            case 13:
                return client.t(NineP.TRENAME).u32(fid()).u32(fid()).string(name());
            case 14:
                return client.t(NineP.TRENAMEAT).u32(fid()).string(name()).u32(fid()).string(name());
            case 15:
                return client.t(NineP.TUNLINKAT).u32(fid()).string(name()).u32(random.nextBoolean() ? 0x200 : 0);
            case 16:
                return client.t(NineP.TREMOVE).u32(fid());
            case 17:
                return client.t(NineP.TCLUNK).u32(fid());
            case 18:
                return client.t(NineP.TREADLINK).u32(fid());
            case 19:
                return client.t(NineP.TXATTRWALK).u32(fid()).u32(fid()).string(random.nextBoolean() ? "" : "user.x");
            case 20:
                return client.t(NineP.TFLUSH).u16(random.nextInt(100));
            default:
                return client.t(NineP.TSTATFS).u32(fid());
        }
    }
}
