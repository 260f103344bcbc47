package dev.termpress.generator.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.generator.diag.BuildException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code network=} on a block and {@code network:} in termpress.yaml, as the page's data-network. */
class NetworkBuildTest {

    @TempDir
    Path dir;

    private static final String PAGE = """
            # Network

            ```container image=busybox
            $ ls
            ```

            ```container image=busybox network=true
            $ ls
            ```

            ```container image=busybox network=false
            $ ls
            ```
            """;

    private String build(String config) throws Exception {
        return new TestSite(dir).buildIndex(config, PAGE);
    }

    private static boolean usesNetwork(String html, String id) {
        return TestSite.figureFlag(html, id, "data-network");
    }

    @Test
    void onlyTheBlockThatAsksIsOnTheNetworkByDefault() throws Exception {
        String html = build(TestSite.CONFIG);

        assertThat(usesNetwork(html, "demo-1")).isFalse();
        assertThat(usesNetwork(html, "demo-2")).isTrue();
        assertThat(usesNetwork(html, "demo-3")).isFalse();
    }

    @Test
    void theSiteSettingIsTheDefaultAndTheBlockOptionWins() throws Exception {
        String html = build(TestSite.CONFIG + "network: true\n");

        assertThat(usesNetwork(html, "demo-1")).as("unset: the image's, from the site's").isTrue();
        assertThat(usesNetwork(html, "demo-2")).isTrue();
        assertThat(usesNetwork(html, "demo-3")).as("network=false wins").isFalse();
    }
}
