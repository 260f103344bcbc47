package dev.termpress.emulator.guest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.fs.ByteArrayLayerSource;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.Inode;
import dev.termpress.emulator.fs.LayerIndex;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitStatusFileTest {

    @Test
    void readsTheStatusInitWrote() throws Exception {
        ImageFileSystem fs = withStatusFile("42\n");

        assertThat(ExitStatusFile.read(fs)).hasValue(42);
    }

    @Test
    void noFileOrNoDirectoryMeansNoStatus() throws Exception {
        ImageFileSystem fs = emptyImage();
        assertThat(ExitStatusFile.read(fs)).isEmpty();

        fs.mkdir(fs.root(), InitConf.DIRECTORY, 0755, 0, 0);
        assertThat(ExitStatusFile.read(fs)).isEmpty();
    }

    @Test
    void whatTheGuestMayHaveWrittenInsteadIsNoStatus() throws Exception {
        for (String text : new String[] {"", "\n", "256\n", "7", "-1\n", "1 2\n", "0007\n", "12345678901234567890\n"}) {
            assertThat(ExitStatusFile.read(withStatusFile(text))).as("%s", text).isEmpty();
        }
        assertThat(ExitStatusFile.parse("255\n")).hasValue(255);
        assertThat(ExitStatusFile.parse("0\n")).hasValue(0);
    }

    private static ImageFileSystem withStatusFile(String text) throws Exception {
        ImageFileSystem fs = emptyImage();
        Inode directory = fs.mkdir(fs.root(), InitConf.DIRECTORY, 0755, 0, 0);
        Inode file = fs.createFile(directory, ExitStatusFile.FILE_NAME, 0644, 0, 0);
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        fs.write(file, 0, bytes, 0, bytes.length, errno -> assertThat(errno).isZero());
        return fs;
    }

    private static ImageFileSystem emptyImage() throws Exception {
        LayerIndex index = new LayerIndex(List.of(), 0);
        return ImageFileSystem.create(List.of(index), new ByteArrayLayerSource(List.of(new byte[0])), () -> 0L);
    }
}
