package dev.termpress.emulator.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.fs.ByteArrayLayerSource;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.Inode;
import dev.termpress.emulator.fs.LayerIndex;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitConfFileTest {

    @Test
    void initConfLandsInTheUpperLayer() throws Exception {
        ImageFileSystem fs = emptyImage();

        InitConfFile.install(fs, "workdir /tmp\n");
        InitConfFile.install(fs, "workdir /root\n"); // a second write replaces the first

        Inode file = fs.lookup(fs.lookup(fs.root(), ".termpress"), "init.conf");
        assertThat(read(fs, file)).isEqualTo("workdir /root\n");
    }

    @Test
    void aTermpressFileInTheImageIsReportedNotIgnored() throws Exception {
        ImageFileSystem fs = emptyImage();
        fs.createFile(fs.root(), ".termpress", 0644, 0, 0);

        assertThatThrownBy(() -> InitConfFile.install(fs, "x\n"))
                .hasMessageContaining("/.termpress that is not a directory");
    }

    private static ImageFileSystem emptyImage() throws Exception {
        LayerIndex index = new LayerIndex(List.of(), 0);
        return ImageFileSystem.create(List.of(index), new ByteArrayLayerSource(List.of(new byte[0])), () -> 0L);
    }

    private static String read(ImageFileSystem fs, Inode file) {
        StringBuilder text = new StringBuilder();
        fs.read(file, 0, 4096, new dev.termpress.emulator.fs.ReadCallback() {
            @Override
            public void data(byte[] data, int offset, int length) {
                text.append(new String(data, offset, length, StandardCharsets.UTF_8));
            }

            @Override
            public void failed(int errno) {
                text.append("errno ").append(errno);
            }
        });
        return text.toString();
    }
}
