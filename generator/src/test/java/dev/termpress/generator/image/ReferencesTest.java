package dev.termpress.generator.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReferencesTest {

    @Test
    void matchesExactTagsAndRegistryPrefixes() {
        assertThat(References.matches("latest", "latest")).isTrue();
        assertThat(References.matches("busybox:latest", "latest")).isTrue();
        assertThat(References.matches("latest", "busybox:latest")).isTrue();
        assertThat(References.matches("docker.io/library/busybox:latest", "busybox:latest")).isTrue();
        assertThat(References.matches("busybox:latest", "docker.io/library/busybox:latest")).isTrue();
    }

    @Test
    void fullNamesWinOverBareTags() {
        assertThat(References.mostSpecific(List.of("latest", "docker.io/library/demo:latest")))
                .containsExactly("docker.io/library/demo:latest");
        assertThat(References.mostSpecific(List.of("latest", "1.0"))).containsExactly("latest", "1.0");
    }

    @Test
    void doesNotMatchOtherTags() {
        assertThat(References.matches("busybox:1.36", "busybox:latest")).isFalse();
        assertThat(References.matches("1.36", "latest")).isFalse();
        assertThat(References.matches("localhost:5000/busybox", "latest")).isFalse();
    }
}
