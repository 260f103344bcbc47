package dev.termpress.generator.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example site must always build: its links, front matter and demo blocks are checked here. */
class ContentExamplesTest {

    static final Path EXAMPLES = Path.of("..", "content-examples");

    @TempDir
    Path out;

    @Test
    void exampleSiteBuildsWithEveryPageAndDemo() throws Exception {
        TestSite.FakePublisher publisher = new TestSite.FakePublisher();
        BuildResult result = new SiteBuilder(publisher, Progress.QUIET, false)
                .build(new BuildOptions(EXAMPLES, out.resolve("site"), null, false));

        assertThat(result.pages()).isGreaterThanOrEqualTo(5);
        assertThat(publisher.published).containsExactly("busybox");
        String tools = Files.readString(out.resolve("site/text/tools/index.html"));
        assertThat(tools).contains("data-image=\"../../images/busybox.json\"")
                .contains("awk -F: &#39;{ sum += $3 } END { print sum }&#39; people.txt")
                .contains("<a href=\"../../\">start</a>");
        assertThat(Files.readString(out.resolve("site/index.html")))
                .contains("<a href=\"basics/files/\">Files and folders</a>");
    }
}
