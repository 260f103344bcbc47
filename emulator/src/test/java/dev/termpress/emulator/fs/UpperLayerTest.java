package dev.termpress.emulator.fs;

import static dev.termpress.emulator.fs.FsPaths.find;
import static dev.termpress.emulator.fs.FsPaths.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpperLayerTest {

    private static final byte[] BASE = new TarBuilder().dir("etc", 0755).file("etc/motd", "welcome\n")
            .file("etc/big", "0123456789".repeat(100)).hardlink("etc/motd2", "etc/motd").dir("empty", 0755)
            .build();

    private final List<Integer> results = new ArrayList<>();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void write(ImageFileSystem fs, Inode inode, long offset, String text) {
        byte[] data = utf8(text);
        fs.write(inode, offset, data, 0, data.length, results::add);
    }

    @Test
    void firstWriteCopiesUpAndEveryNameSeesIt() throws Exception {
        ImageFileSystem fs = Layers.fs(BASE);
        Inode motd = find(fs, "etc/motd");
        assertThat(motd.isLower()).isTrue();
        write(fs, motd, 0, "W");
        assertThat(results).containsExactly(0);
        assertThat(motd.isLower()).isFalse();
        assertThat(read(fs, "etc/motd")).isEqualTo("Welcome\n");
        assertThat(read(fs, "etc/motd2")).isEqualTo("Welcome\n");
        assertThat(motd.version()).isEqualTo(1);
        assertThat(motd.mtimeSeconds()).isEqualTo(Layers.CLOCK_NANOS / 1_000_000_000L);
        assertThat(fs.upperBytes()).as("one 64-byte chunk and its table slot")
                .isEqualTo(ChunkedContent.MIN_CHUNK + ChunkedContent.SLOT_COST);
    }

    @Test
    void writePastTheEndLeavesAZeroFilledHole() throws Exception {
        ImageFileSystem fs = Layers.fs(BASE);
        Inode motd = find(fs, "etc/motd");
        write(fs, motd, 10, "!");
        assertThat(read(fs, "etc/motd")).isEqualTo("welcome\n\0\0!");
        assertThat(motd.size()).isEqualTo(11);
    }

    @Test
    void truncateToZeroNeedsNoLayerBytes() throws Exception {
        DeferredLayerSource source = new DeferredLayerSource(List.of(BASE));
        ImageFileSystem fs = ImageFileSystem.create(Layers.indexes(BASE), source, () -> 0L);
        Inode big = find(fs, "etc/big");
        fs.truncate(big, 0, results::add);
        assertThat(results).containsExactly(0);
        assertThat(source.requests).isEmpty();
        assertThat(big.size()).isZero();
    }

    @Test
    void truncateShorterThenLongerReadsZeros() throws Exception {
        ImageFileSystem fs = Layers.fs(BASE);
        Inode big = find(fs, "etc/big");
        fs.truncate(big, 4, results::add);
        fs.truncate(big, 6, results::add);
        assertThat(results).containsExactly(0, 0);
        assertThat(read(fs, "etc/big")).isEqualTo("0123\0\0");
    }

    @Test
    void readsOfLowerFilesWaitForTheLayerAndCompleteLater() throws Exception {
        DeferredLayerSource source = new DeferredLayerSource(List.of(BASE));
        ImageFileSystem fs = ImageFileSystem.create(Layers.indexes(BASE), source, () -> 0L);
        Inode big = find(fs, "etc/big");
        StringBuilder got = new StringBuilder();
        fs.read(big, 995, 100, new ReadCallback() {
            @Override
            public void data(byte[] data, int offset, int length) {
                got.append(new String(data, offset, length, StandardCharsets.UTF_8));
            }

            @Override
            public void failed(int errno) {
                got.append("errno ").append(errno);
            }
        });
        assertThat(got).isEmpty();
        assertThat(source.pendingCount()).isEqualTo(1);
        source.completeAll();
        assertThat(got.toString()).isEqualTo("56789");
    }

    @Test
    void aFailedDownloadIsEio() throws Exception {
        DeferredLayerSource source = new DeferredLayerSource(List.of(BASE));
        ImageFileSystem fs = ImageFileSystem.create(Layers.indexes(BASE), source, () -> 0L);
        Inode motd = find(fs, "etc/motd");
        write(fs, motd, 0, "x");
        write(fs, motd, 1, "y");
        assertThat(source.pendingCount()).as("one copy-up for both writes").isEqualTo(1);
        source.failAll();
        assertThat(results).containsExactly(Errno.EIO, Errno.EIO);
        assertThat(motd.isLower()).isTrue();
    }

    @Test
    void concurrentWritesDuringOneCopyUpApplyInOrder() throws Exception {
        DeferredLayerSource source = new DeferredLayerSource(List.of(BASE));
        ImageFileSystem fs = ImageFileSystem.create(Layers.indexes(BASE), source, () -> 0L);
        Inode motd = find(fs, "etc/motd");
        byte[] buffer = utf8("AB");
        fs.write(motd, 0, buffer, 0, 1, results::add);
        buffer[0] = 'Z'; // the caller's buffer is reused at once; the pending write kept its own copy
        fs.write(motd, 1, buffer, 1, 1, results::add);
        source.completeAll();
        assertThat(results).containsExactly(0, 0);
        assertThat(FsPaths.read(fs, "etc/motd")).isEqualTo("ABlcome\n");
    }

    @Test
    void deletesHideLowerEntriesAndResetBringsThemBack() throws Exception {
        List<LayerIndex> indexes = Layers.indexes(BASE);
        ImageFileSystem fs = ImageFileSystem.create(indexes, new ByteArrayLayerSource(List.of(BASE)), () -> 0L);
        Inode etc = find(fs, "etc");
        fs.unlink(etc, "motd", false);
        assertThat(find(fs, "etc/motd")).isNull();
        assertThat(find(fs, "etc/motd2").linkCount()).isEqualTo(1);
        fs.unlink(fs.root(), "empty", true);
        assertThat(find(fs, "empty")).isNull();
        ImageFileSystem fresh = ImageFileSystem.create(indexes, new ByteArrayLayerSource(List.of(BASE)), () -> 0L);
        assertThat(read(fresh, "etc/motd")).isEqualTo("welcome\n");
        assertThat(find(fresh, "empty")).isNotNull();
    }

    @Test
    void namespaceErrnos() throws Exception {
        ImageFileSystem fs = Layers.fs(BASE);
        Inode root = fs.root();
        Inode etc = find(fs, "etc");
        Inode motd = find(fs, "etc/motd");
        assertErrno(() -> fs.lookup(root, "nope"), Errno.ENOENT);
        assertErrno(() -> fs.lookup(motd, "x"), Errno.ENOTDIR);
        assertErrno(() -> fs.mkdir(root, "etc", 0755, 0, 0), Errno.EEXIST);
        assertErrno(() -> fs.createFile(root, "a/b", 0644, 0, 0), Errno.EINVAL);
        assertErrno(() -> fs.createFile(root, "..", 0644, 0, 0), Errno.EINVAL);
        assertErrno(() -> fs.createFile(root, "x".repeat(256), 0644, 0, 0), Errno.ENAMETOOLONG);
        assertErrno(() -> fs.unlink(root, "etc", true), Errno.ENOTEMPTY);
        assertErrno(() -> fs.unlink(root, "etc", false), Errno.EISDIR);
        assertErrno(() -> fs.unlink(etc, "motd", true), Errno.ENOTDIR);
        assertErrno(() -> fs.link(root, "hard", etc), Errno.EPERM);
        assertErrno(() -> fs.readlink(motd), Errno.EINVAL);
        assertErrno(() -> fs.rename(root, "etc", etc, "inside"), Errno.EINVAL);
        assertErrno(() -> fs.rename(root, "empty", etc, "motd"), Errno.ENOTDIR);
        assertErrno(() -> fs.rename(etc, "motd", root, "empty"), Errno.EISDIR);
        assertErrno(() -> fs.rename(root, "empty", root, "etc"), Errno.ENOTEMPTY);
        assertErrno(() -> fs.mknod(root, "weird", 0170000, 0, 0, 0, 0), Errno.EINVAL);
        assertErrno(() -> fs.symlink(root, "s", "", 0, 0), Errno.ENOENT);
    }

    @Test
    void renameMovesAndReplaces() throws Exception {
        ImageFileSystem fs = Layers.fs(BASE);
        Inode root = fs.root();
        Inode etc = find(fs, "etc");
        Inode motd = find(fs, "etc/motd");
        fs.rename(etc, "motd", root, "moved");
        assertThat(find(fs, "moved")).isSameAs(motd);
        assertThat(find(fs, "etc/motd")).isNull();
        fs.rename(root, "moved", etc, "big");
        assertThat(read(fs, "etc/big")).isEqualTo("welcome\n");
        fs.rename(root, "empty", etc, "sub");
        assertThat(fs.parent(find(fs, "etc/sub"))).isSameAs(etc);
        // Renaming a name onto another name of the same inode changes nothing.
        fs.rename(etc, "big", etc, "motd2");
        assertThat(find(fs, "etc/big")).isSameAs(motd);
    }

    @Test
    void removedDirectoryTakesNoNewEntries() throws Exception {
        ImageFileSystem fs = Layers.fs(BASE);
        Inode empty = find(fs, "empty");
        fs.unlink(fs.root(), "empty", true);
        assertErrno(() -> fs.createFile(empty, "f", 0644, 0, 0), Errno.ENOENT);
    }

    /** A limit with room for one name and {@code chunks} full chunks of content (and their table). */
    private static ImageFileSystem limited(int chunks) throws Exception {
        return ImageFileSystem.create(Layers.indexes(BASE), new ByteArrayLayerSource(List.of(BASE)), () -> 0L,
                ImageFileSystem.ENTRY_COST + 1 + (long) chunks * (ChunkedContent.CHUNK_SIZE + ChunkedContent.SLOT_COST));
    }

    private void write(ImageFileSystem fs, Inode inode, long offset, int length) {
        fs.write(inode, offset, new byte[length], 0, length, results::add);
    }

    @Test
    void upperLayerLimitGivesEnospc() throws Exception {
        ImageFileSystem fs = limited(2);
        Inode file = fs.createFile(fs.root(), "f", 0644, 0, 0);
        write(fs, file, 0, 2 * ChunkedContent.CHUNK_SIZE);
        write(fs, file, 2 * ChunkedContent.CHUNK_SIZE, 1);
        write(fs, find(fs, "etc/big"), 0, "z");
        fs.truncate(file, ImageFileSystem.MAX_FILE_SIZE + 1, results::add);
        assertThat(results).containsExactly(0, Errno.ENOSPC, Errno.ENOSPC, Errno.EFBIG);
        assertThat(file.size()).isEqualTo(2 * ChunkedContent.CHUNK_SIZE);
        fs.unlink(fs.root(), "f", false);
        assertThat(fs.upperBytes()).isZero();
    }

    @Test
    void deletingAndTruncatingGiveTheSpaceBack() throws Exception {
        ImageFileSystem fs = limited(4);
        Inode file = fs.createFile(fs.root(), "f", 0644, 0, 0);
        write(fs, file, 0, 4 * ChunkedContent.CHUNK_SIZE);
        write(fs, file, 4 * ChunkedContent.CHUNK_SIZE, 1);
        fs.truncate(file, ChunkedContent.CHUNK_SIZE, results::add);
        write(fs, file, ChunkedContent.CHUNK_SIZE, 3 * ChunkedContent.CHUNK_SIZE);
        assertThat(results).containsExactly(0, Errno.ENOSPC, 0, 0);
        fs.unlink(fs.root(), "f", false);
        Inode again = fs.createFile(fs.root(), "g", 0644, 0, 0);
        write(fs, again, 0, 4 * ChunkedContent.CHUNK_SIZE);
        assertThat(results).containsExactly(0, Errno.ENOSPC, 0, 0, 0);
    }

    @Test
    void sparseFilesCostOnlyWhatIsWritten() throws Exception {
        ImageFileSystem fs = limited(1);
        Inode file = fs.createFile(fs.root(), "sparse", 0644, 0, 0);
        fs.truncate(file, 400L << 20, results::add); // far beyond the limit: only a size
        write(fs, file, 300L << 20, "end");
        assertThat(results).containsExactly(0, 0);
        assertThat(file.size()).isEqualTo(400L << 20);
        assertThat(file.allocatedBytes()).isLessThan(ChunkedContent.CHUNK_SIZE);
        assertThat(fs.upperBytes()).isLessThanOrEqualTo(fs.upperLimit());
        byte[] got = new byte[8];
        fs.read(file, (300L << 20) - 5, 8, new ReadCallback() {
            @Override
            public void data(byte[] data, int offset, int length) {
                System.arraycopy(data, offset, got, 0, length);
            }

            @Override
            public void failed(int errno) {
                throw new AssertionError(errno);
            }
        });
        assertThat(new String(got, StandardCharsets.ISO_8859_1)).isEqualTo("\0\0\0\0\0end");
    }

    @Test
    void copyUpCountsTheWholeFile() throws Exception {
        ImageFileSystem fs = ImageFileSystem.create(Layers.indexes(BASE), new ByteArrayLayerSource(List.of(BASE)),
                () -> 0L, 500);
        write(fs, find(fs, "etc/big"), 0, "z"); // 1000 bytes to copy up: more than the limit
        write(fs, find(fs, "etc/motd"), 0, "W");
        assertThat(results).containsExactly(Errno.ENOSPC, 0);
        assertThat(find(fs, "etc/big").isLower()).isTrue();
        assertThat(fs.upperBytes()).isEqualTo(ChunkedContent.MIN_CHUNK + ChunkedContent.SLOT_COST);
    }

    @Test
    void anUnlinkedFileKeepsItsSpaceWhileAHandleIsOpen() throws Exception {
        ImageFileSystem fs = limited(2);
        Inode file = fs.createFile(fs.root(), "f", 0644, 0, 0);
        fs.retainHandle(file);
        write(fs, file, 0, 2 * ChunkedContent.CHUNK_SIZE);
        fs.unlink(fs.root(), "f", false);
        Inode other = fs.createFile(fs.root(), "g", 0644, 0, 0);
        write(fs, other, 0, ChunkedContent.CHUNK_SIZE);
        write(fs, file, 0, "still writable");
        assertThat(results).containsExactly(0, Errno.ENOSPC, 0);
        fs.releaseHandle(file);
        write(fs, other, 0, ChunkedContent.CHUNK_SIZE);
        assertThat(results).containsExactly(0, Errno.ENOSPC, 0, 0);
    }

    @Test
    void renamingOverAFileGivesItsNameBack() throws Exception {
        ImageFileSystem fs = ImageFileSystem.create(Layers.indexes(BASE), new ByteArrayLayerSource(List.of(BASE)),
                () -> 0L, 3 * (ImageFileSystem.ENTRY_COST + 10));
        fs.createFile(fs.root(), "target", 0644, 0, 0);
        for (int i = 0; i < 100; i++) { // as sed -i does: write a new file, rename it over the old one
            fs.createFile(fs.root(), "tmp", 0644, 0, 0);
            fs.rename(fs.root(), "tmp", fs.root(), "target");
        }
        assertThat(fs.upperBytes()).isEqualTo(ImageFileSystem.ENTRY_COST + "target".length());
    }

    @Test
    void newNamesCountAgainstTheUpperLayerLimit() throws Exception {
        ImageFileSystem fs = ImageFileSystem.create(Layers.indexes(BASE), new ByteArrayLayerSource(List.of(BASE)),
                () -> 0L, 10 * (ImageFileSystem.ENTRY_COST + 2));
        int created = 0;
        try {
            for (; created < 1000; created++) {
                fs.mknod(fs.root(), "f" + created, FileMode.S_IFIFO | 0644, 0, 0, 0, 0);
            }
        } catch (FsException e) {
            assertThat(e.errno()).isEqualTo(Errno.ENOSPC);
        }
        assertThat(created).isEqualTo(10);
        assertErrno(() -> fs.mkdir(fs.root(), "d", 0755, 0, 0), Errno.ENOSPC);
        assertErrno(() -> fs.symlink(fs.root(), "s", "t", 0, 0), Errno.ENOSPC);
        fs.unlink(fs.root(), "f3", false);
        fs.mkdir(fs.root(), "d", 0755, 0, 0);
    }

    @Test
    void metadataChangesNeedNoCopyUp() throws Exception {
        DeferredLayerSource source = new DeferredLayerSource(List.of(BASE));
        ImageFileSystem fs = ImageFileSystem.create(Layers.indexes(BASE), source, () -> 0L);
        Inode motd = find(fs, "etc/motd");
        fs.chmod(motd, 04711);
        fs.chown(motd, 7, -1);
        fs.setTimes(motd, 5, 6, Long.MIN_VALUE, 0);
        assertThat(motd.mode()).isEqualTo(FileMode.S_IFREG | 04711);
        assertThat(motd.uid()).isEqualTo(7);
        assertThat(motd.gid()).isZero();
        assertThat(motd.atimeSeconds()).isEqualTo(5);
        assertThat(motd.atimeNanos()).isEqualTo(6);
        assertThat(motd.mtimeSeconds()).isEqualTo(TarBuilder.MTIME);
        assertThat(source.requests).isEmpty();
    }

    interface FsCall {
        void run() throws FsException;
    }

    private static void assertErrno(FsCall call, int errno) {
        assertThatThrownBy(call::run).isInstanceOf(FsException.class)
                .satisfies(e -> assertThat(((FsException) e).errno()).isEqualTo(errno));
    }
}
