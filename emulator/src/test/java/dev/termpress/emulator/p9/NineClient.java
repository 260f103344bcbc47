package dev.termpress.emulator.p9;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Plays the guest's 9p client against a {@link NinePServer} in tests, one tag per request. */
final class NineClient {

    static final int ROOT = 1;

    final NinePServer server;
    /** Replies in the order the server sent them. */
    final List<RMessage> replies = new ArrayList<>();
    int capacity = NinePServer.MAX_MSIZE;
    private int nextTag = 1;

    NineClient(NinePServer server) {
        this.server = server;
    }

    /** Version and attach of fid {@link #ROOT} as uid 0. */
    NineClient connect(int msize) {
        RMessage version = call(new TMessage(NineP.TVERSION, NineP.NOTAG).u32(msize).string("9P2000.L"));
        assertThat(version.type).isEqualTo(NineP.TVERSION + 1);
        ok(call(t(NineP.TATTACH).u32(ROOT).u32(NineP.NOFID).string("root").string("").u32(0)));
        return this;
    }

    TMessage t(int type) {
        return new TMessage(type, nextTag++ & 0x7fff);
    }

    /** Sends a message; the reply may come later (see {@link #replies}). */
    void send(byte[] message) {
        server.handle(message, message.length, capacity, (head, headLength, data, offset, length) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(head, 0, headLength);
            if (data != null) {
                out.write(data, offset, length);
            }
            replies.add(headLength == 0 ? null : new RMessage(out.toByteArray()));
        });
    }

    /** Sends and returns the reply, which must come at once. */
    RMessage call(TMessage message) {
        return call(message.bytes());
    }

    RMessage call(byte[] message) {
        int before = replies.size();
        send(message);
        assertThat(replies).as("an immediate reply").hasSize(before + 1);
        return replies.get(before);
    }

    static RMessage ok(RMessage reply) {
        assertThat(reply.isError()).as("%s", reply).isFalse();
        return reply;
    }

    static void assertErrno(RMessage reply, int errno) {
        assertThat(reply.type).as("%s", reply).isEqualTo(NineP.RLERROR);
        assertThat(reply.errno()).isEqualTo(errno);
    }

    RMessage walk(int fid, int newFid, String... names) {
        TMessage m = t(NineP.TWALK).u32(fid).u32(newFid).u16(names.length);
        for (String name : names) {
            m.string(name);
        }
        return call(m);
    }

    RMessage lopen(int fid, int flags) {
        return call(t(NineP.TLOPEN).u32(fid).u32(flags));
    }

    RMessage lcreate(int fid, String name, int flags, int mode) {
        return call(t(NineP.TLCREATE).u32(fid).string(name).u32(flags).u32(mode).u32(0));
    }

    TMessage readMessage(int fid, long offset, int count) {
        return t(NineP.TREAD).u32(fid).u64(offset).u32(count);
    }

    RMessage read(int fid, long offset, int count) {
        return call(readMessage(fid, offset, count));
    }

    /** The payload of a successful Rread. */
    static byte[] data(RMessage reply) {
        ok(reply);
        return reply.raw(reply.u32());
    }

    RMessage write(int fid, long offset, byte[] data) {
        return call(t(NineP.TWRITE).u32(fid).u64(offset).u32(data.length).raw(data));
    }

    RMessage readdir(int fid, long offset, int count) {
        return call(t(NineP.TREADDIR).u32(fid).u64(offset).u32(count));
    }

    RMessage getattr(int fid) {
        return call(t(NineP.TGETATTR).u32(fid).u64(NineP.STATS_BASIC));
    }

    RMessage mkdir(int dirFid, String name, int mode) {
        return call(t(NineP.TMKDIR).u32(dirFid).string(name).u32(mode).u32(0));
    }

    RMessage clunk(int fid) {
        return call(t(NineP.TCLUNK).u32(fid));
    }

    RMessage unlinkat(int dirFid, String name, int flags) {
        return call(t(NineP.TUNLINKAT).u32(dirFid).string(name).u32(flags));
    }
}
