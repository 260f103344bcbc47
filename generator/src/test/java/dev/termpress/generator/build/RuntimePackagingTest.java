package dev.termpress.generator.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.runtime.RuntimeAssets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser runtime goes into sites with demo blocks, once, and pages with demos load it by relative URL. */
class RuntimePackagingTest {

    private static final Pattern SCRIPT = Pattern.compile("<script src=\"([^\"]+)\" data-assets=\"([^\"]+)\" defer>");

    @TempDir
    Path dir;

    @Test
    void pagesWithDemosLoadTheRuntimeRelativeToThemselves() throws Exception {
        TestSite site = new TestSite(dir)
                .file("termpress.yaml", TestSite.CONFIG)
                .file("content/index.md", "# Home\n\nNo demo here.\n")
                .file("content/a/b.md", "# Deep\n\n```container image=busybox\n$ uname -m\nriscv64\n```\n");
        new SiteBuilder(new TestSite.FakePublisher(), Progress.QUIET).build(BuildOptions.of(dir));

        RuntimeAssets assets = RuntimeAssets.get();
        for (String file : assets.files().keySet()) {
            assertThat(site.out().resolve("assets/runtime/" + file)).exists();
        }
        assertThat(site.output("index.html")).doesNotContain("termpress-runtime");
        Matcher tag = SCRIPT.matcher(site.output("a/b/index.html"));
        assertThat(tag.find()).as("runtime script tag").isTrue();
        assertThat(tag.group(1)).isEqualTo("../../assets/runtime/" + assets.script());
        assertThat(tag.group(2).replace("&quot;", "\""))
                .contains("\"wasm\":\"../../assets/runtime/" + assets.names().get("wasm") + "\"");
        Path page = site.out().resolve("a/b/index.html");
        assertThat(page.getParent().resolve(tag.group(1)).normalize()).exists();
    }

    @Test
    void siteWithoutDemosShipsNoRuntime() throws Exception {
        TestSite site = new TestSite(dir)
                .file("termpress.yaml", TestSite.CONFIG)
                .file("content/index.md", "# Home\n\nJust text.\n");
        new SiteBuilder(new TestSite.FakePublisher(), Progress.QUIET).build(BuildOptions.of(dir));

        assertThat(site.out().resolve("index.html")).exists();
        assertThat(Files.exists(site.out().resolve("assets/runtime"))).isFalse();
    }
}
