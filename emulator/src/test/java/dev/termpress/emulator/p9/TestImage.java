package dev.termpress.emulator.p9;

import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.Layers;
import dev.termpress.emulator.fs.TarBuilder;

/** A small busybox-like image for the 9p tests. */
final class TestImage {

    static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\n";
    static final byte[] BIG = pattern(300 * 1024);

    static final byte[] LAYER = new TarBuilder().dir("bin", 0755).file("bin/busybox", "BUSYBOX".getBytes(), 0755)
            .hardlink("bin/sh", "bin/busybox").dir("etc", 0755).file("etc/passwd", PASSWD)
            .symlink("lib", "usr/lib").device('3', "dev/null", 1, 3).owner(1000, 1000).file("big", BIG, 0600)
            .dir("home", 0755).dir("home/user", 0700).build();

    private TestImage() {
    }

    static ImageFileSystem fs() {
        try {
            return Layers.fs(LAYER);
        } catch (ImageFormatException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8));
        }
        return b;
    }
}
