package dev.termpress.runtime.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.guest.ContainerSettings;
import dev.termpress.emulator.guest.InitConf;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A block's data attributes become init.conf overrides on top of its image. */
class BlockOptionsTest {

    private static final ContainerSettings DEBIAN_LIKE = new ContainerSettings(
            List.of("PATH=/usr/bin:/bin", "LANG=C.UTF-8"), "/root", null, null, List.of("bash"));

    @Test
    void imageConfigBecomesInitSettings() {
        String text = InitConf.render(DEBIAN_LIKE, BlockOptions.NONE.overrides(100, 30));

        assertThat(text.lines().filter(line -> !line.startsWith("#"))).containsExactly(
                "env PATH=/usr/bin:/bin", "env LANG=C.UTF-8", "workdir /root", "arg bash", "winsize 100x30");
    }

    @Test
    void blockOverridesWorkdirUserAndEnvByName() {
        BlockOptions block = new BlockOptions("/tmp", "nobody", null, List.of("LANG=de_DE.UTF-8", "NAME=reader"));

        String text = InitConf.render(DEBIAN_LIKE, block.overrides(0, 0));

        assertThat(text.lines().filter(line -> !line.startsWith("#"))).containsExactly(
                "env PATH=/usr/bin:/bin", "env LANG=de_DE.UTF-8", "env NAME=reader", "workdir /tmp",
                "user nobody", "arg bash");
    }

    @Test
    void entrypointComesBeforeCmd() {
        ContainerSettings image = new ContainerSettings(null, null, "1000:1000", List.of("/bin/sh", "-c"), List.of("exec sh"));

        String text = InitConf.render(image, BlockOptions.NONE.overrides(0, 0));

        assertThat(text).contains("user 1000:1000\narg /bin/sh\narg -c\narg exec sh\n").doesNotContain("workdir");
    }

    @Test
    void valueWithALineBreakIsRefusedWithItsName() {
        BlockOptions block = new BlockOptions(null, null, null, List.of("EVIL=a\nuser root"));

        assertThatThrownBy(() -> InitConf.render(DEBIAN_LIKE, block.overrides(80, 24)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("env \"EVIL=a\\nuser root\"")
                .hasMessageContaining("line break");
    }
}
