package dev.termpress.emulator.fs;

import static dev.termpress.emulator.fs.FsPaths.find;
import static dev.termpress.emulator.fs.FsPaths.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LayerMergerTest {

    @Test
    void laterLayersReplaceFilesAndMergeDirectories() throws Exception {
        byte[] base = new TarBuilder().dir("etc", 0755).file("etc/a", "base a").file("etc/b", "base b").build();
        byte[] top = new TarBuilder().owner(5, 6).dir("etc", 0700).file("etc/a", "top a").file("etc/c", "top c").build();
        ImageFileSystem fs = Layers.fs(base, top);
        assertThat(fs.list(find(fs, "etc"))).containsExactly("a", "b", "c");
        assertThat(read(fs, "etc/a")).isEqualTo("top a");
        assertThat(read(fs, "etc/b")).isEqualTo("base b");
        Inode etc = find(fs, "etc");
        assertThat(etc.mode()).isEqualTo(FileMode.S_IFDIR | 0700);
        assertThat(etc.uid()).isEqualTo(5);
        assertThat(etc.gid()).isEqualTo(6);
        assertThat(etc.mtimeSeconds()).isEqualTo(TarBuilder.MTIME);
    }

    @Test
    void whiteoutHidesALowerEntryWhereverItStandsInTheLayer() throws Exception {
        byte[] base = new TarBuilder().file("keep", "k").file("gone", "g").dir("tree", 0755).file("tree/x", "x").build();
        // The whiteout comes after a same-layer file of the same directory, and a same-layer "gone" is new.
        byte[] top = new TarBuilder().file("new", "n").file(".wh.tree", "").file(".wh.gone", "").build();
        ImageFileSystem fs = Layers.fs(base, top);
        assertThat(fs.list(fs.root())).containsExactly("keep", "new");
        byte[] again = new TarBuilder().file("gone", "back").build();
        ImageFileSystem fs2 = Layers.fs(base, top, again);
        assertThat(read(fs2, "gone")).isEqualTo("back");
    }

    @Test
    void whiteoutInTheSameLayerAsTheFileDoesNotHideIt() throws Exception {
        byte[] base = new TarBuilder().file("f", "old").build();
        byte[] top = new TarBuilder().file("f", "new").file(".wh.f", "").build();
        ImageFileSystem fs = Layers.fs(base, top);
        assertThat(read(fs, "f")).isEqualTo("new");
    }

    @Test
    void opaqueDirectoryHidesEverythingBelowButKeepsItsOwnLayer() throws Exception {
        byte[] base = new TarBuilder().dir("opt", 0755).file("opt/old1", "1").dir("opt/sub", 0755)
                .file("opt/sub/old2", "2").file("other", "o").build();
        byte[] top = new TarBuilder().dir("opt", 0755).file("opt/fresh", "f").file("opt/.wh..wh..opq", "").build();
        ImageFileSystem fs = Layers.fs(base, top);
        assertThat(fs.list(find(fs, "opt"))).containsExactly("fresh");
        assertThat(read(fs, "other")).isEqualTo("o");
    }

    @Test
    void hardLinksShareOneInodeAcrossLayers() throws Exception {
        byte[] base = new TarBuilder().dir("bin", 0755).file("bin/busybox", "BB").hardlink("bin/sh", "bin/busybox").build();
        byte[] top = new TarBuilder().hardlink("bin/ls", "bin/busybox").build();
        ImageFileSystem fs = Layers.fs(base, top);
        Inode busybox = find(fs, "bin/busybox");
        assertThat(find(fs, "bin/sh")).isSameAs(busybox);
        assertThat(find(fs, "bin/ls")).isSameAs(busybox);
        assertThat(busybox.linkCount()).isEqualTo(3);
        assertThat(read(fs, "bin/ls")).isEqualTo("BB");
        // Hiding one name drops the count.
        byte[] hide = new TarBuilder().file("bin/.wh.sh", "").build();
        assertThat(find(Layers.fs(base, top, hide), "bin/busybox").linkCount()).isEqualTo(2);
    }

    @Test
    void symlinksDevicesAndFifosAreMetadata() throws Exception {
        byte[] base = new TarBuilder().symlink("lib", "usr/lib").device('3', "dev/null", 1, 3)
                .device('4', "dev/vda", 254, 0).device('6', "run/initctl", 0, 0).build();
        ImageFileSystem fs = Layers.fs(base);
        Inode lib = find(fs, "lib");
        assertThat(lib.isSymlink()).isTrue();
        assertThat(fs.readlink(lib)).isEqualTo("usr/lib");
        assertThat(lib.size()).isEqualTo(7);
        Inode dev = find(fs, "dev/null");
        assertThat(dev.mode() & FileMode.S_IFMT).isEqualTo(FileMode.S_IFCHR);
        assertThat(dev.rdev()).isEqualTo(1 << 8 | 3);
        assertThat(find(fs, "dev/vda").rdev()).isEqualTo(254 << 8);
        assertThat(find(fs, "run/initctl").mode()).isEqualTo(FileMode.S_IFIFO | 0666);
        // Missing parents were created as plain directories.
        assertThat(find(fs, "dev").mode()).isEqualTo(FileMode.S_IFDIR | 0755);
    }

    @Test
    void directoryLinkCountCountsSubdirectories() throws Exception {
        ImageFileSystem fs = Layers.fs(new TarBuilder().dir("a", 0755).dir("a/b", 0755).dir("a/c", 0755)
                .file("a/f", "").build());
        assertThat(find(fs, "a").linkCount()).isEqualTo(4);
        assertThat(find(fs, "a/f").linkCount()).isEqualTo(1);
    }

    @Test
    void entriesThroughALowerSymlinkAreRejected() throws Exception {
        byte[] base = new TarBuilder().symlink("etc", "/tmp/evil").build();
        byte[] top = new TarBuilder().file("etc/passwd", "x").build();
        assertThatThrownBy(() -> Layers.fs(base, top)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("layer 1 entry 0 ('etc/passwd')").hasMessageContaining("'etc', a symlink");
        byte[] file = new TarBuilder().file("plain", "x").build();
        byte[] under = new TarBuilder().file("plain/child", "x").build();
        assertThatThrownBy(() -> Layers.fs(file, under)).hasMessageContaining("'plain' is not a directory");
    }

    @Test
    void hardLinkToAMissingFileIsRejected() {
        byte[] tar = new TarBuilder().hardlink("a", "nowhere").build();
        assertThatThrownBy(() -> Layers.fs(tar)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("hard link to 'nowhere'");
        byte[] toDir = new TarBuilder().dir("d", 0755).hardlink("a", "d").build();
        assertThatThrownBy(() -> Layers.fs(toDir)).hasMessageContaining("directory 'd'");
    }

    @Test
    void aFileReplacingADirectoryDropsItsSubtree() throws Exception {
        byte[] base = new TarBuilder().dir("x", 0755).file("x/inner", "i").build();
        byte[] top = new TarBuilder().file("x", "now a file").build();
        ImageFileSystem fs = Layers.fs(base, top);
        assertThat(read(fs, "x")).isEqualTo("now a file");
        assertThat(find(fs, "x/inner")).isNull();
    }

    @Test
    void rootEntryOnlySetsRootMetadata() throws Exception {
        ImageFileSystem fs = Layers.fs(new TarBuilder().dir("./", 0700).file("f", "").build());
        assertThat(fs.root().mode()).isEqualTo(FileMode.S_IFDIR | 0700);
        assertThat(fs.list(fs.root())).containsExactly("f");
    }
}
