package dev.termpress.emulator.fs;

import java.io.ByteArrayOutputStream;

/** Test helpers: resolve a path in the merged tree, read a file whole (synchronously served). */
public final class FsPaths {

    private FsPaths() {
    }

    /** The inode at slash-separated {@code path}, or null. */
    public static Inode find(ImageFileSystem fs, String path) {
        Inode inode = fs.root();
        for (String name : path.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            inode = fs.entry(inode, name);
            if (inode == null) {
                return null;
            }
        }
        return inode;
    }

    /** The whole content of {@code path}, which must be answered at once. */
    public static String read(ImageFileSystem fs, String path) {
        Inode inode = find(fs, path);
        if (inode == null) {
            throw new AssertionError("no " + path);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fs.read(inode, 0, Integer.MAX_VALUE, new ReadCallback() {
            @Override
            public void data(byte[] data, int offset, int length) {
                out.write(data, offset, length);
            }

            @Override
            public void failed(int errno) {
                throw new AssertionError("read failed: errno " + errno);
            }
        });
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
