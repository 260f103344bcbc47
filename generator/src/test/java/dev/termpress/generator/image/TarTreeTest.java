package dev.termpress.generator.image;

import static dev.termpress.generator.image.Tars.Item.dir;
import static dev.termpress.generator.image.Tars.Item.file;
import static dev.termpress.generator.image.Tars.Item.hardLink;
import static dev.termpress.generator.image.Tars.Item.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarTreeTest {

    @TempDir
    Path temp;

    private TarTree tree(Tars.Item... items) throws Exception {
        return TarTree.open(Files.write(temp.resolve("a.tar"), Tars.tar(items)));
    }

    @Test
    void followsRelativeSymlinksAndHardLinksInside() throws Exception {
        try (TarTree tree = tree(dir("a/"), file("a/layer.tar", "data"), dir("b/"),
                symlink("b/layer.tar", "../a/layer.tar"), symlink("c", "b/layer.tar"), hardLink("d", "a/layer.tar"))) {
            for (String path : new String[] {"./a/layer.tar", "b/layer.tar", "c", "d"}) {
                try (InputStream in = tree.open(path)) {
                    assertThat(in.readAllBytes()).as(path).isEqualTo("data".getBytes());
                }
            }
            assertThat(tree.exists("a")).isFalse();
        }
    }

    @Test
    void symlinksLeavingTheArchiveOrLoopingResolveToNothing() throws Exception {
        try (TarTree tree = tree(file("x", "x"), symlink("up", "../x"), symlink("abs", "/x"),
                symlink("loop1", "loop2"), symlink("loop2", "loop1"))) {
            assertThat(tree.exists("up")).isFalse();
            assertThat(tree.exists("abs")).isFalse();
            assertThat(tree.exists("loop1")).isFalse();
            assertThatThrownBy(() -> tree.open("up")).isInstanceOf(ImageException.class).hasMessageContaining("(entry up): missing");
        }
    }

    @Test
    void rejectsHardLinksOutOfTheArchive() {
        assertThatThrownBy(() -> tree(hardLink("h", "../../etc/passwd")))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("entry \"h\" is a hard link whose target \"../../etc/passwd\" contains a \"..\" component");
    }

    @Test
    void notATar() throws Exception {
        Path junk = Files.writeString(temp.resolve("junk.tar"), "this is not a tar archive. ".repeat(100));
        assertThatThrownBy(() -> TarTree.open(junk)).isInstanceOf(ImageException.class).hasMessageContaining(junk.toString());
    }
}
