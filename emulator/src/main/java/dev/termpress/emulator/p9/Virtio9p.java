package dev.termpress.emulator.p9;

import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.virtio.ConfigSpace;
import dev.termpress.emulator.virtio.Virtio;
import dev.termpress.emulator.virtio.VirtioDevice;
import dev.termpress.emulator.virtio.VirtioRequest;
import dev.termpress.emulator.virtio.VirtioTransport;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.Snapshottable;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The virtio 9p transport device (virtio 1.x §5.x "9P transport", Linux {@code net/9p/trans_virtio.c}):
 * one request queue whose buffers carry a T-message to read and room for the R-message. The guest
 * mounts the tree with {@code mount -t 9p -o trans=virtio <tag> /}. Replies to reads of not yet
 * downloaded data complete later; the guest keeps running meanwhile.
 */
public final class Virtio9p implements VirtioDevice, Snapshottable {

    /** Feature: the configuration space holds a mount tag (VIRTIO_9P_MOUNT_TAG). */
    public static final int F_MOUNT_TAG = 0;
    /** Mount tag used when none is given (not "rootfs": busybox df hides a filesystem of that name). */
    public static final String DEFAULT_TAG = "termpress";

    private static final int REQUEST_QUEUE = 0;
    // Configuration space: le16 tag_len, then tag_len bytes of tag (no NUL).
    private static final int CONFIG_TAG_LENGTH = 0;
    private static final int CONFIG_TAG = 2;
    /** Longest tag the Linux driver accepts. */
    private static final int MAX_TAG_LENGTH = 255;
    /** A T-message is at most msize; a little slack lets an oversized one still be parsed and refused. */
    private static final int MAX_MESSAGE = NinePServer.MAX_MSIZE + 4096;

    private final NinePServer server;
    private final ConfigSpace config;
    private byte[] message = new byte[8192];
    /** Requests not answered yet, oldest first: a snapshot saves them and the restore sends them again. */
    private final List<VirtioRequest> unanswered = new ArrayList<>();
    private VirtioTransport transport;

    /** A device serving {@code fs} under the mount tag {@code tag}. */
    public Virtio9p(ImageFileSystem fs, String tag) {
        byte[] tagBytes = tag.getBytes(StandardCharsets.UTF_8);
        if (tagBytes.length == 0 || tagBytes.length > MAX_TAG_LENGTH) {
            throw new IllegalArgumentException("9p mount tag must be 1 to " + MAX_TAG_LENGTH + " bytes: '" + tag + "'");
        }
        this.server = new NinePServer(fs);
        this.config = new ConfigSpace(CONFIG_TAG + tagBytes.length);
        config.put(CONFIG_TAG_LENGTH, 2, tagBytes.length);
        for (int i = 0; i < tagBytes.length; i++) {
            config.put(CONFIG_TAG + i, 1, tagBytes[i]);
        }
    }

    /** A device serving {@code fs} under the tag {@value #DEFAULT_TAG}. */
    public Virtio9p(ImageFileSystem fs) {
        this(fs, DEFAULT_TAG);
    }

    /** The 9P server behind the device. */
    public NinePServer server() {
        return server;
    }

    @Override
    public int deviceId() {
        return Virtio.DEVICE_9P;
    }

    @Override
    public long deviceFeatures() {
        return 1L << F_MOUNT_TAG;
    }

    @Override
    public int queueCount() {
        return 1;
    }

    @Override
    public void attach(VirtioTransport transport) {
        this.transport = transport;
    }

    @Override
    public void handle(int queue, VirtioRequest request) {
        if (queue != REQUEST_QUEUE) {
            request.complete(0);
            return;
        }
        if (unanswered.size() >= queueSizeMax(REQUEST_QUEUE)) {
            unanswered.removeIf(waiting -> !waiting.isLive());
            if (unanswered.size() >= queueSizeMax(REQUEST_QUEUE)) {
                // More requests in flight than the ring holds means the driver reposted heads: refuse
                // this one rather than let a misbehaving guest grow host memory without bound.
                request.complete(0);
                return;
            }
        }
        int length = Math.min(request.readableLength(), MAX_MESSAGE);
        if (length > message.length) {
            message = new byte[Math.max(length, Math.min(MAX_MESSAGE, message.length * 2))];
        }
        int n = request.read(0, message, 0, length);
        unanswered.add(request);
        server.handle(message, n, request.writableLength(), (head, headLength, data, dataOffset, dataLength) -> {
            unanswered.remove(request);
            if (!request.isLive()) {
                return; // the driver reset the device while this waited
            }
            int written = request.write(0, head, 0, headLength);
            if (dataLength > 0) {
                written += request.write(headLength, data, dataOffset, dataLength);
            }
            request.complete(written);
        });
    }

    @Override
    public long readConfig(int offset, int width) {
        return config.read(offset, width);
    }

    @Override
    public void reset() {
        unanswered.clear();
        // The next driver starts with Tversion, which begins a new session; late replies are dropped above.
    }

    // ---- snapshot: the server's session and the filesystem's changes, then the unanswered requests ----

    @Override
    public String stateName() {
        return "virtio-9p";
    }

    @Override
    public int stateVersion() {
        return 2; // 2: file contents saved chunk by chunk (fs.ChunkedContent)
    }

    @Override
    public void saveState(StateWriter out) {
        NinePState.save(server, out);
        int live = 0;
        for (VirtioRequest request : unanswered) {
            live += request.isLive() ? 1 : 0;
        }
        out.i32(live);
        for (VirtioRequest request : unanswered) {
            if (request.isLive()) {
                out.u16(request.head());
            }
        }
    }

    /**
     * A request that waited for file contents is sent to the server again: its T-message is still in
     * guest RAM, and nothing it asked for had happened yet (the waits are reads and copy-ups).
     */
    @Override
    public void restoreState(StateReader in, int version) throws SnapshotException {
        NinePState.restore(server, in);
        int count = in.count(queueSizeMax(REQUEST_QUEUE), "unanswered request count");
        int[] heads = new int[count];
        for (int i = 0; i < count; i++) {
            heads[i] = in.u16();
        }
        if (count > 0 && transport == null) {
            throw new SnapshotException("virtio 9p device is not plugged into a transport");
        }
        for (int head : heads) {
            handle(REQUEST_QUEUE, transport.reclaim(REQUEST_QUEUE, head));
        }
    }
}
