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

    /** Issue 15: the example site shows readers every feature a docs site gives them, each at least once. */
    @Test
    void exampleSiteUsesEveryReaderFeature() throws Exception {
        new SiteBuilder(new TestSite.FakePublisher(), Progress.QUIET, false)
                .build(new BuildOptions(EXAMPLES, out.resolve("site"), null, false));
        String files = Files.readString(out.resolve("site/basics/files/index.html"));
        String pipelines = Files.readString(out.resolve("site/text/pipelines/index.html"));
        String tools = Files.readString(out.resolve("site/text/tools/index.html"));

        assertThat(files).as("edit_url").contains("<p class=\"tp-edit\"><a href=\"https://github.com/termpress/termpress/edit/main/content-examples/content/basics/files.md\"");
        assertThat(Files.readString(out.resolve("site/" + SearchIndexStep.FILE_NAME))).as("search index")
                .contains("Pipelines").contains("uniq -c");
        assertThat(files).as("search box").contains("tp-search");
        assertThat(pipelines).as("a highlighted fenced block").contains("<code class=\"language-sh\">").contains("<span class=\"hl-");
        assertThat(files).as("callout").contains("tp-callout tp-callout-warning");
        assertThat(tools).as("callout").contains("tp-callout tp-callout-tip");
        assertThat(files).as("page contents").contains("<nav class=\"tp-toc\"").contains("Scripts and permissions");
        assertThat(files).as("file block").contains("<figure class=\"tp-file\" data-path=\"/workspace/hello.sh\"");
        assertThat(files).as("files=DIR").contains("/workspace/a/b/two.txt");
        assertThat(files).as("persist=true").contains("data-persist=\"true\"");
    }
}
