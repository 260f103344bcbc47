package dev.termpress.emulator.fs;

import static dev.termpress.emulator.fs.FsPaths.find;
import static dev.termpress.emulator.fs.FsPaths.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The guest's changes to the tree, saved and overlaid onto a pristine merge of the same layers. */
class UpperLayerStateTest {

    private static final byte[] BASE = new TarBuilder().dir("etc", 0755).file("etc/motd", "welcome\n")
            .file("etc/big", "0123456789".repeat(100)).hardlink("etc/motd2", "etc/motd").dir("empty", 0755)
            .dir("srv", 0755).file("srv/data", "lower data").file("untouched", "same").build();

    private static void ok(int errno) {
        assertThat(errno).isZero();
    }

    private static void write(ImageFileSystem fs, Inode inode, long offset, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        fs.write(inode, offset, data, 0, data.length, UpperLayerStateTest::ok);
    }

    /** Every kind of change the guest can make. */
    private static Inode change(ImageFileSystem fs) throws Exception {
        write(fs, find(fs, "etc/motd"), 0, "W"); // copy-up, seen through both hard links
        Inode made = fs.mkdir(find(fs, "etc"), "made", 0700, 1000, 1000);
        write(fs, fs.createFile(made, "new", 0644, 1000, 1000), 0, "fresh content");
        fs.symlink(made, "link", "../motd", 0, 0);
        fs.mknod(made, "null", 0x2000 | 0666, 1, 3, 0, 0);
        fs.rename(find(fs, "srv"), "data", made, "moved");
        fs.rename(fs.root(), "empty", made, "emptied");
        fs.link(fs.root(), "motd3", find(fs, "etc/motd"));
        fs.chmod(find(fs, "etc/big"), 0600);
        fs.truncate(find(fs, "etc/big"), 5, UpperLayerStateTest::ok);
        Inode doomed = fs.createFile(fs.root(), "doomed", 0600, 0, 0);
        write(fs, doomed, 0, "still open");
        fs.retainHandle(doomed);
        fs.unlink(fs.root(), "doomed", false); // deleted, but a fid still holds it
        fs.setTimes(find(fs, "etc/motd2"), 42, 7, 43, 8);
        return doomed;
    }

    private static byte[] save(ImageFileSystem fs, List<Inode> referenced) {
        StateWriter out = new StateWriter();
        UpperLayerState.save(fs, referenced, out);
        return out.toByteArray();
    }

    private static Map<Long, Inode> restore(ImageFileSystem fs, byte[] state) throws SnapshotException {
        StateReader in = new StateReader(state, 0, state.length, "section virtio-9p");
        Map<Long, Inode> inodes = UpperLayerState.restore(fs, in);
        assertThat(in.remaining()).isZero();
        return inodes;
    }

    @Test
    void aRestoredTreeEqualsTheChangedOne() throws Exception {
        ImageFileSystem original = Layers.fs(BASE);
        Inode doomed = change(original);
        byte[] state = save(original, List.of(doomed));

        ImageFileSystem restored = Layers.fs(BASE);
        Map<Long, Inode> inodes = restore(restored, state);
        assertThat(describe(restored)).isEqualTo(describe(original));
        assertThat(read(restored, "etc/motd")).isEqualTo("Welcome\n");
        assertThat(read(restored, "motd3")).isEqualTo("Welcome\n");
        assertThat(find(restored, "motd3")).isSameAs(find(restored, "etc/motd2")).isSameAs(find(restored, "etc/motd"));
        assertThat(read(restored, "etc/made/new")).isEqualTo("fresh content");
        assertThat(read(restored, "etc/made/moved")).isEqualTo("lower data");
        assertThat(read(restored, "etc/big")).isEqualTo("01234");
        assertThat(restored.parent(find(restored, "etc/made/emptied"))).isSameAs(find(restored, "etc/made"));
        assertThat(restored.upperBytes()).isEqualTo(original.upperBytes());
        assertThat(inodes.get(doomed.id()).size()).as("the deleted file a fid holds").isEqualTo(10);
        assertThat(save(restored, List.of(inodes.get(doomed.id())))).as("saves the same again").isEqualTo(state);

        Inode next = restored.createFile(restored.root(), "after", 0644, 0, 0);
        Inode expectedNext = original.createFile(original.root(), "after", 0644, 0, 0);
        assertThat(next.id()).as("new inodes continue the numbering").isEqualTo(expectedNext.id());
    }

    @Test
    void chunksAndHolesRoundTripAtTheSameCost() throws Exception {
        ImageFileSystem original = Layers.fs(BASE);
        Inode sparse = original.createFile(original.root(), "sparse", 0644, 0, 0);
        byte[] block = new byte[ChunkedContent.CHUNK_SIZE + 300];
        java.util.Arrays.fill(block, (byte) 'a');
        original.write(sparse, 5L * ChunkedContent.CHUNK_SIZE - 100, block, 0, block.length, UpperLayerStateTest::ok);
        write(original, sparse, 3, "head");
        original.truncate(sparse, 20L * ChunkedContent.CHUNK_SIZE, UpperLayerStateTest::ok); // a hole at the end
        byte[] state = save(original, List.of());
        assertThat(state.length).as("holes are not saved").isLessThan(3 * ChunkedContent.CHUNK_SIZE); // of 20

        ImageFileSystem restored = Layers.fs(BASE);
        restore(restored, state);
        Inode back = find(restored, "sparse");
        assertThat(back.size()).isEqualTo(20L * ChunkedContent.CHUNK_SIZE);
        assertThat(back.allocatedBytes()).isEqualTo(sparse.allocatedBytes());
        assertThat(restored.upperBytes()).isEqualTo(original.upperBytes());
        assertThat(read(restored, "sparse")).isEqualTo(read(original, "sparse"));
        assertThat(save(restored, List.of())).isEqualTo(state);
    }

    @Test
    void aChunkPastTheFilesEndIsDamage() throws Exception {
        ImageFileSystem original = Layers.fs(BASE);
        write(original, original.createFile(original.root(), "f", 0644, 0, 0), 0, "xyz");
        byte[] state = save(original, List.of());
        // The content: table length 1 (i32), one chunk (i32), index 0 (i32), capacity 64 (i32), "xyz".
        int index = -1;
        for (int i = 0; i + 12 <= state.length; i++) {
            if (state[i] == 1 && state[i + 4] == 1 && state[i + 8] == 0 && state[i + 12] == 64) {
                index = i + 8;
            }
        }
        assertThat(index).as("chunk index field").isGreaterThan(0);
        state[index] = 3;
        assertThatThrownBy(() -> restore(Layers.fs(BASE), state)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("chunk 3");
    }

    @Test
    void anUntouchedImageSavesNoInodes() throws Exception {
        ImageFileSystem fs = Layers.fs(BASE);
        byte[] state = save(fs, List.of());
        assertThat(state).hasSize(8 + 8 + 8 + 4);
        assertThat(describe(fs)).isEqualTo(describe(restoredFrom(state)));
    }

    @Test
    void onlyAPristineTreeTakesTheChanges() throws Exception {
        ImageFileSystem original = Layers.fs(BASE);
        change(original);
        byte[] state = save(original, List.of());
        ImageFileSystem touched = Layers.fs(BASE);
        touched.chmod(find(touched, "untouched"), 0600);
        assertThatThrownBy(() -> restore(touched, state)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("not pristine");
    }

    @Test
    void anotherImageIsRefused() throws Exception {
        byte[] state = save(Layers.fs(BASE), List.of());
        ImageFileSystem other = Layers.fs(new TarBuilder().file("only", "x").build());
        assertThatThrownBy(() -> restore(other, state)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("another image");
    }

    @Test
    void anEntryNamingAMissingInodeIsDamage() throws Exception {
        ImageFileSystem original = Layers.fs(BASE);
        original.createFile(original.root(), "a", 0644, 0, 0);
        byte[] state = save(original, List.of());
        // The root's entry for "a" (a u32 length 1, "a", the u64 inode id): point it at an inode nobody has.
        int entry = -1;
        for (int i = 0; i + 5 <= state.length && entry < 0; i++) {
            if (state[i] == 1 && state[i + 1] == 0 && state[i + 2] == 0 && state[i + 3] == 0 && state[i + 4] == 'a') {
                entry = i;
            }
        }
        state[entry + 5] = 99;
        assertThatThrownBy(() -> restore(Layers.fs(BASE), state)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("inode 99");
    }

    private static ImageFileSystem restoredFrom(byte[] state) throws Exception {
        ImageFileSystem fs = Layers.fs(BASE);
        restore(fs, state);
        return fs;
    }

    /** Every reachable inode's fields and content, by path: what the guest can observe. */
    private static Map<String, String> describe(ImageFileSystem fs) {
        Map<String, String> out = new TreeMap<>();
        ArrayDeque<Object[]> todo = new ArrayDeque<>();
        todo.add(new Object[] {"", fs.root()});
        while (!todo.isEmpty()) {
            Object[] item = todo.poll();
            String path = (String) item[0];
            Inode inode = (Inode) item[1];
            String content = inode.isRegular() ? read(fs, path.isEmpty() ? "." : path) : inode.symlinkTarget;
            out.put(path, inode.id + " " + Integer.toOctalString(inode.mode) + " " + inode.uid + ":" + inode.gid + " "
                    + inode.atimeSeconds + "." + inode.atimeNanos + " " + inode.mtimeSeconds + "." + inode.mtimeNanos
                    + " " + inode.ctimeSeconds + "." + inode.ctimeNanos + " links=" + inode.linkCount() + " rdev="
                    + inode.rdev + " size=" + inode.size + " v" + inode.version + " lower=" + inode.isLower() + " ["
                    + content + "]");
            if (inode.children != null) {
                for (Map.Entry<String, Inode> child : inode.children.entrySet()) {
                    todo.add(new Object[] {path.isEmpty() ? child.getKey() : path + "/" + child.getKey(), child.getValue()});
                }
            }
        }
        return out;
    }
}
