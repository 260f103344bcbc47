package dev.termpress.generator.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termpress.generator.diag.BuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Page contents, "Edit this page" and the search index, as a built site shows them. */
class ReaderFeaturesBuildTest {

    @TempDir
    Path dir;

    private static final String GUIDE = """
            # The guide

            Intro paragraph about *zebras*.

            ## First `steps`

            > [!TIP]
            > Quokkas are friendly.

            ### Details

            - a list item with platypus

            ```container image=busybox
            $ uname -m
            riscv64
            ```

            ## Last part

            The end.
            """;

    private TestSite site(String config) {
        return new TestSite(dir)
                .file("termpress.yaml", config)
                .file("content/index.md", "# Home\n\nWelcome.\n")
                .file("content/guide.md", GUIDE)
                .file("content/short.md", "---\ntoc: false\n---\n# Short\n\n## One\n\n## Two\n");
    }

    private void build() throws BuildException {
        new SiteBuilder(new TestSite.FakePublisher(), Progress.QUIET, false).build(BuildOptions.of(dir));
    }

    @Test
    void contentsListTheSecondAndThirdLevelHeadings() throws Exception {
        TestSite site = site(TestSite.CONFIG);
        build();
        String html = site.output("guide/index.html");
        assertThat(html).contains("<div class=\"tp-page tp-has-toc\">")
                .contains("<nav class=\"tp-toc\" aria-labelledby=\"tp-toc-title\">")
                .contains("<li class=\"tp-toc-h2\"><a href=\"#first-steps\">First steps</a></li>")
                .contains("<li class=\"tp-toc-h3\"><a href=\"#details\">Details</a></li>")
                .contains("<li class=\"tp-toc-h2\"><a href=\"#last-part\">Last part</a></li>")
                .contains("id=\"first-steps\"");
        // The contents come before the article, so the order in the HTML is the reading order.
        assertThat(html.indexOf("tp-toc-h2")).isLessThan(html.indexOf("<article"));
    }

    /** Screenshots showed the contents above the page's title on a narrow screen: there they fold under it. */
    @Test
    void theFoldedContentsForNarrowScreensComeRightAfterTheTitle() throws Exception {
        TestSite site = site(TestSite.CONFIG).file("content/untitled.md", "---\ntitle: Untitled\n---\nIntro.\n\n## A\n\n## B\n");
        build();
        String html = site.output("guide/index.html");
        int title = html.indexOf("</h1>");
        int folded = html.indexOf("<details class=\"tp-toc-folded\">");
        assertThat(title).isPositive();
        assertThat(folded).isGreaterThan(title).isLessThan(html.indexOf("id=\"first-steps\""));
        assertThat(html.substring(folded)).contains("<li class=\"tp-toc-h3\"><a href=\"#details\">Details</a></li>");
        assertThat(html.split("<h1", -1)).as("one h1").hasSize(2);

        String untitled = site.output("untitled/index.html");
        assertThat(untitled.indexOf("<details class=\"tp-toc-folded\">")).isGreaterThan(untitled.indexOf("<h1>Untitled</h1>"))
                .isLessThan(untitled.indexOf("Intro."));
    }

    @Test
    void tocFalseAndPagesWithOneHeadingHaveNoContents() throws Exception {
        TestSite site = site(TestSite.CONFIG);
        build();
        assertThat(site.output("short/index.html")).doesNotContain("tp-toc").contains("<div class=\"tp-page\">");
        assertThat(site.output("index.html")).doesNotContain("tp-toc");
    }

    @Test
    void editUrlAddsALinkToThePageSource() throws Exception {
        TestSite site = site(TestSite.CONFIG + "edit_url: https://example.org/r/edit/main/site/content/\n");
        build();
        assertThat(site.output("guide/index.html")).contains(
                "<a href=\"https://example.org/r/edit/main/site/content/guide.md\" rel=\"noopener\">Edit this page</a>");
        assertThat(site.output("404.html")).doesNotContain("Edit this page");
    }

    @Test
    void withoutEditUrlThereIsNoLink() throws Exception {
        TestSite site = site(TestSite.CONFIG);
        build();
        assertThat(site.output("guide/index.html")).doesNotContain("Edit this page");
    }

    @Test
    void editUrlMustBeAnHttpUrl() {
        site(TestSite.CONFIG + "edit_url: github.com/x\n");
        assertThatThrownBy(this::build).isInstanceOf(BuildException.class)
                .hasMessageContaining("termpress.yaml:6: edit_url must be an http:// or https:// URL");
    }

    @Test
    void searchIndexHoldsEveryPageWithTextHeadingsAndCommands() throws Exception {
        TestSite site = site(TestSite.CONFIG);
        build();
        List<Path> indexes = indexes(site);
        assertThat(indexes).hasSize(1);
        String name = indexes.get(0).getFileName().toString();
        assertThat(name).isEqualTo("search-index.json");

        JsonNode index = new ObjectMapper().readTree(indexes.get(0).toFile());
        assertThat(index.get("version").asInt()).isEqualTo(1);
        assertThat(index.get("pages")).hasSize(3);
        JsonNode guide = null;
        for (JsonNode page : index.get("pages")) {
            if (page.get("u").asText().equals("guide/")) {
                guide = page;
            }
        }
        assertThat(guide).isNotNull();
        assertThat(guide.get("t").asText()).isEqualTo("The guide");
        assertThat(guide.get("h").asText()).isEqualTo("First steps\nDetails\nLast part");
        assertThat(guide.get("b").asText())
                .contains("Intro paragraph about zebras.", "Quokkas are friendly.", "a list item with platypus")
                .doesNotContain("riscv64", "The guide");
        assertThat(guide.get("c").asText()).isEqualTo("uname -m");

        // Every page's search box points at the index, relative to the page.
        assertThat(site.output("guide/index.html"))
                .contains("data-index=\"../" + name + "\"")
                .contains("data-engine=\"../assets/vendor/minisearch/index.js\"")
                .contains("<script src=\"../assets/search.js\" defer></script>");
        assertThat(site.output("index.html")).contains("data-index=\"" + name + "\"");
        assertThat(site.out().resolve("assets/vendor/minisearch/index.js")).exists();
        assertThat(site.out().resolve("assets/vendor/minisearch/LICENSE.txt")).exists();
    }

    @Test
    void theIndexAssembledFromPerPageDocumentsIsPlainJacksonJson() throws Exception {
        // The index is put together from cached per-page JSON: it must read and write back unchanged.
        TestSite site = site(TestSite.CONFIG);
        site.file("content/quotes.md", "# \"Quotes\" & <tags> \u00e9\u2014\n\nA line\twith a tab.\n");
        build();
        String text = Files.readString(indexes(site).get(0));
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(json.readTree(text))).isEqualTo(text);
        JsonNode pages = json.readTree(text).get("pages");
        for (int i = 0; i < pages.size(); i++) {
            assertThat(pages.get(i).get("id").asInt()).isEqualTo(i);
            assertThat(pages.get(i).fieldNames()).toIterable().containsExactly("id", "u", "t", "h", "b", "c");
        }
    }

    @Test
    void theIndexKeepsItsNameWhileItsContentFollowsThePages() throws Exception {
        // A stable name: an edit to one page must not change the index reference in every other page.
        TestSite site = site(TestSite.CONFIG);
        build();
        String before = Files.readString(indexes(site).get(0));
        String guide = site.output("guide/index.html");
        site.file("content/index.md", "# Home\n\nWelcome back, wombats.\n");
        build();
        List<Path> after = indexes(site);
        assertThat(after).extracting(p -> p.getFileName().toString()).containsExactly("search-index.json");
        assertThat(Files.readString(after.get(0))).isNotEqualTo(before).contains("wombats");
        assertThat(site.output("guide/index.html")).isEqualTo(guide);
    }

    @Test
    void searchFalseWritesNoIndexAndNoSearchBox() throws Exception {
        TestSite site = site(TestSite.CONFIG + "search: false\n");
        build();
        assertThat(indexes(site)).isEmpty();
        assertThat(site.output("guide/index.html")).doesNotContain("tp-search").doesNotContain("search.js");
    }

    private static List<Path> indexes(TestSite site) throws Exception {
        try (Stream<Path> files = Files.list(site.out())) {
            return files.filter(p -> p.getFileName().toString().startsWith("search-index.")).toList();
        }
    }
}
