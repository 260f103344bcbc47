package dev.termpress.generator.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.generator.diag.BuildException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved work: {@code persist=} on a block and {@code persist:} in termpress.yaml, as the page's data-persist. */
class PersistBuildTest {

    @TempDir
    Path dir;

    private static final String PAGE = """
            # Saved work

            ```container image=busybox
            $ ls
            ```

            ```container image=busybox persist=true
            $ ls
            ```

            ```container image=busybox persist=false
            $ ls
            ```
            """;

    private String build(String config) throws Exception {
        return new TestSite(dir).buildIndex(config, PAGE);
    }

    private static boolean persists(String html, String id) {
        return TestSite.figureFlag(html, id, "data-persist");
    }

    @Test
    void onlyTheBlockThatAsksKeepsItsFilesByDefault() throws Exception {
        String html = build(TestSite.CONFIG);

        assertThat(persists(html, "demo-1")).isFalse();
        assertThat(persists(html, "demo-2")).isTrue();
        assertThat(persists(html, "demo-3")).isFalse();
    }

    @Test
    void theSiteSettingIsTheDefaultAndTheBlockOptionWins() throws Exception {
        String html = build(TestSite.CONFIG + "persist: true\n");

        assertThat(persists(html, "demo-1")).as("unset: the site's").isTrue();
        assertThat(persists(html, "demo-2")).isTrue();
        assertThat(persists(html, "demo-3")).as("persist=false wins").isFalse();
    }

    @Test
    void aBadBlockValueIsAnErrorAtItsFence() {
        TestSite site = new TestSite(dir).file("termpress.yaml", TestSite.CONFIG)
                .file("content/index.md", "# Bad\n\n```container image=busybox persist=yes\n$ ls\n```\n");

        assertThatThrownBy(() -> new SiteBuilder(new TestSite.FakePublisher(), Progress.QUIET, false)
                .build(BuildOptions.of(dir)))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("index.md:3: persist must be true or false, got 'yes'");
        assertThat(site).isNotNull();
    }

    @Test
    void aBadSiteValueIsAnErrorAtItsLine() {
        new TestSite(dir).file("termpress.yaml", TestSite.CONFIG + "persist: sometimes\n")
                .file("content/index.md", PAGE);

        assertThatThrownBy(() -> new SiteBuilder(new TestSite.FakePublisher(), Progress.QUIET, false)
                .build(BuildOptions.of(dir)))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("termpress.yaml:6:")
                .hasMessageContaining("persist");
    }
}
