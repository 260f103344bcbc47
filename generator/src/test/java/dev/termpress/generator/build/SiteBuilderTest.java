package dev.termpress.generator.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.image.ImageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteBuilderTest {

    @TempDir
    Path dir;

    private TestSite site;
    private final TestSite.FakePublisher publisher = new TestSite.FakePublisher();

    @BeforeEach
    void writeSite() {
        site = new TestSite(dir)
                .file("termpress.yaml", TestSite.CONFIG)
                .file("content/index.md", "# Welcome\n\nRead [the shell page](basics/shell.md).\n")
                .file("content/basics/index.md", "---\ntitle: Basics\nweight: 1\n---\nIntro.\n")
                .file("content/basics/shell.md", """
                        ---
                        title: The shell
                        description: First commands
                        ---
                        Some text with a ![diagram](diagram.svg) and [home](../index.md#welcome).

                        ```container image=busybox workdir=/root env=GREETING=hi title="First steps"
                        $ echo $GREETING <there>
                        hi <there>
                        ```

                        ```sh
                        plain code
                        ```
                        """)
                .file("content/basics/diagram.svg", "<svg/>")
                .file("static/favicon.ico", "icon");
    }

    private BuildResult build() throws BuildException {
        return new SiteBuilder(publisher, Progress.QUIET).build(BuildOptions.of(dir));
    }

    @Test
    void buildsPagesWithRelativeUrlsAndDemoData() throws Exception {
        BuildResult result = build();

        assertThat(result.pages()).isEqualTo(3);
        assertThat(result.images()).isEqualTo(1);
        assertThat(result.summary()).startsWith("Built 3 pages, 1 image (1 blob), ");
        assertThat(site.out().resolve("index.html")).exists();
        assertThat(site.out().resolve("404.html")).exists();
        assertThat(site.out().resolve("assets/termpress.css")).exists();
        assertThat(site.out().resolve("favicon.ico")).hasContent("icon");
        assertThat(site.out().resolve("basics/diagram.svg")).exists();
        assertThat(site.out().resolve("sitemap.xml")).doesNotExist();

        String shell = site.output("basics/shell/index.html");
        assertThat(shell)
                .contains("<title>The shell · Test site</title>")
                .contains("<meta name=\"description\" content=\"First commands\">")
                .contains("href=\"../../assets/termpress.css\"")
                .contains("<img src=\"../diagram.svg\"")
                .contains("<a href=\"../../#welcome\">home</a>")
                .contains("data-image=\"../../images/busybox.json\"")
                .contains("data-workdir=\"/root\"")
                .contains("data-env=\"{&quot;GREETING&quot;:&quot;hi&quot;}\"")
                .contains("data-commands=\"[&quot;echo $GREETING &lt;there&gt;&quot;]\"")
                .contains("<samp>hi &lt;there&gt;</samp>")
                .contains("<figcaption class=\"tp-demo-title\">First steps</figcaption>")
                .contains("<code class=\"language-sh\">plain code")
                .contains("rel=\"prev\" href=\"../\"")
                .contains("aria-current=\"page\">The shell</a>");
        assertThat(site.output("index.html")).contains("<a href=\"basics/shell/\">the shell page</a>");
    }

    @Test
    void anImagesPrewarmBudgetReachesItsBlocks() throws Exception {
        assertThat(build()).isNotNull();
        assertThat(site.output("basics/shell/index.html")).as("on by default").contains("data-prewarm=\"" + (4L << 20) + "\"");
        site.file("termpress.yaml", "title: Test site\nsnapshot: false\nimages:\n  busybox: {source: images/busybox, prewarm: false}\n");
        build();
        assertThat(site.output("basics/shell/index.html")).contains("data-prewarm=\"0\"");
    }

    @Test
    void anImagesUpperLimitReachesItsBlocks() throws Exception {
        assertThat(build()).isNotNull();
        assertThat(site.output("basics/shell/index.html")).as("the default is the runtime's").doesNotContain("data-upper-limit");
        site.file("termpress.yaml", "title: Test site\nsnapshot: false\nimages:\n  busybox: {source: images/busybox, upper-limit: 32M}\n");
        build();
        assertThat(site.output("basics/shell/index.html")).contains("data-upper-limit=\"" + (32L << 20) + "\"");
    }

    @Test
    void publishesOnlyReferencedImages() throws Exception {
        build();
        assertThat(publisher.published).containsExactly("busybox");
        assertThat(site.out().resolve("images/busybox.json")).exists();
    }

    @Test
    void absoluteBaseUrlAddsCanonicalLinksSitemapAndRootedNotFoundPage() throws Exception {
        new SiteBuilder(publisher, Progress.QUIET)
                .build(new BuildOptions(dir, site.out(), "https://example.org/docs/", false));
        assertThat(site.output("basics/shell/index.html"))
                .contains("<link rel=\"canonical\" href=\"https://example.org/docs/basics/shell/\">");
        assertThat(site.output("sitemap.xml")).contains("<loc>https://example.org/docs/basics/</loc>");
        assertThat(site.output("404.html")).contains("href=\"/docs/assets/termpress.css\"");
    }

    @Test
    void pathOnlyBaseUrlRootsTheNotFoundPageWithoutSitemap() throws Exception {
        new SiteBuilder(publisher, Progress.QUIET).build(new BuildOptions(dir, site.out(), "/repo", false));
        assertThat(site.output("404.html")).contains("href=\"/repo/assets/termpress.css\"");
        assertThat(site.output("index.html")).doesNotContain("rel=\"canonical\"");
        assertThat(site.out().resolve("sitemap.xml")).doesNotExist();
    }

    @Test
    void realPublisherErrorsComeOutAsOneMessage() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("termpress.yaml"), "images:\n  busybox: images/missing\n");
        assertThatThrownBy(() -> new SiteBuilder(new dev.termpress.generator.image.OciImagePublisher(), Progress.QUIET)
                        .build(BuildOptions.of(dir)))
                .isInstanceOf(BuildException.class)
                .satisfies(e -> assertThat(((BuildException) e).errors()).hasSize(1))
                .hasMessageContaining("termpress.yaml:2")
                .hasMessageContaining("images/missing");
        assertThat(site.out()).doesNotExist();
    }

    @Test
    void siteThemeOverridesSingleFiles() throws Exception {
        site.file("theme/templates/partials/footer.peb", "<footer>custom footer for {{ site.title }}</footer>")
                .file("theme/static/termpress.css", "body{}");
        build();
        assertThat(site.output("index.html")).contains("<footer>custom footer for Test site</footer>");
        assertThat(site.output("assets/termpress.css")).isEqualTo("body{}");
        assertThat(site.output("assets/termpress.js")).contains("tp-copy");
    }

    @Test
    void everyPageLinksTheThemeFaviconWhichASiteMayOverride() throws Exception {
        build();
        assertThat(site.output("assets/favicon.svg")).startsWith("<svg ").contains("viewBox");
        assertThat(site.output("basics/shell/index.html"))
                .contains("<link rel=\"icon\" href=\"../../assets/favicon.svg\" type=\"image/svg+xml\">");
        assertThat(site.output("404.html")).contains("rel=\"icon\" href=\"/assets/favicon.svg\"");

        site.file("theme/static/favicon.svg", "<svg id=\"mine\"/>");
        build();
        assertThat(site.output("assets/favicon.svg")).isEqualTo("<svg id=\"mine\"/>");
    }

    @Test
    void templateErrorsNameTheOverridingFile() {
        site.file("theme/templates/page.peb", "{% extends \"base.peb\" %}\n{% block content %}{{ page.title \n{% endblock %}");
        assertThatThrownBy(this::build)
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("theme/templates/page.peb:")
                .hasMessageContaining("template error");
    }

    @Test
    void draftsAreLeftOutUnlessAskedFor() throws Exception {
        site.file("content/wip.md", "---\ndraft: true\n---\n# WIP\n");
        build();
        assertThat(site.out().resolve("wip/index.html")).doesNotExist();
        new SiteBuilder(publisher, Progress.QUIET).build(new BuildOptions(dir, site.out(), null, true));
        assertThat(site.out().resolve("wip/index.html")).exists();
    }

    @Test
    void failedBuildKeepsPreviousOutputAndLeavesNoStaging() throws Exception {
        build();
        String before = site.output("index.html");
        site.file("content/index.md", "# Changed\n\n[broken](nowhere.md)\n");

        assertThatThrownBy(this::build).isInstanceOf(BuildException.class);

        assertThat(site.output("index.html")).isEqualTo(before);
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".public"));
        }
    }

    @Test
    void reportsEveryBadInputWithFileAndLine() {
        site.file("content/a.md", "```container image=busybox colour=red\n$ ls\n```\n")
                .file("content/b.md", "```container image=debian\n$ ls\n```\n")
                .file("content/c.md", "---\ntitle: [oops\n---\n")
                .file("content/d.md", "\n\n```container image=busybox title=\"unclosed\n$ ls\n```\n")
                .file("content/e.md", "See [x](basics/shel.md).\n");

        assertThatThrownBy(this::build)
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("content/a.md:1: unknown attribute 'colour' on container block"
                        + " (valid: image, workdir, user, hostname, env, title, autorun, files, persist, network)")
                .hasMessageContaining("content/c.md:2: invalid YAML")
                .hasMessageContaining("content/d.md:3: malformed container attributes: unterminated \"");
    }

    @Test
    void unknownImageNamesTheDeclaredOnes() {
        site.file("content/b.md", "text\n\n```container image=debian\n$ ls\n```\n");
        assertThatThrownBy(this::build)
                .hasMessageEndingWith("content/b.md:3: unknown image 'debian' (valid: busybox, unused)");
    }

    @Test
    void brokenLinkNamesThePagesNearby() {
        site.file("content/e.md", "Intro\n\nSee [x](basics/shel.md).\n");
        assertThatThrownBy(this::build)
                .hasMessageEndingWith("content/e.md:3: broken link 'basics/shel.md': no page content/basics/shel.md"
                        + " (pages in content/basics/: index.md, shell.md)");
    }

    @Test
    void aLinkWrittenAsAPageUrlSaysWhichMarkdownFileItMeant() {
        site.file("content/basics/more.md", "Text\n\nBack to [the shell](../shell/) or [home](../../index.html).\n");
        assertThatThrownBy(this::build)
                .hasMessageContaining("content/basics/more.md:3: broken link '../shell/': no page or file 'shell/';"
                        + " did you mean shell.md? (a link names the page's Markdown file, relative to this file)")
                .hasMessageContaining("content/basics/more.md:3: '../../index.html' points outside the site;"
                        + " did you mean ../index.md?");
    }

    @Test
    void linkToAMissingHeadingIsBroken() {
        site.file("content/e.md", "# E\n\n## Details\n\nSee [x](basics/shell.md#nowhere) and [y](#details).\n");
        assertThatThrownBy(this::build)
                .hasMessageEndingWith("content/e.md:5: broken link 'basics/shell.md#nowhere': no heading #nowhere"
                        + " in content/basics/shell.md (it has no headings)");
    }

    @Test
    void imageErrorsAreReportedAsTheyAre() {
        SiteBuilder failing = new SiteBuilder((spec, out) -> {
            throw new ImageException(spec.source() + "/index.json: no linux/riscv64 manifest (platforms: linux/amd64)");
        }, Progress.QUIET);
        assertThatThrownBy(() -> failing.build(BuildOptions.of(dir)))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("images/busybox/index.json: no linux/riscv64 manifest (platforms: linux/amd64)"
                        + " (image 'busybox' declared in termpress.yaml:3)");
        assertThat(site.out()).doesNotExist();
    }

    @Test
    void refusesToReplaceADirectoryItDidNotWrite() throws Exception {
        Files.createDirectories(site.out());
        Files.writeString(site.out().resolve("precious.txt"), "keep me");
        assertThatThrownBy(this::build).hasMessageContaining("was not written by termpress");
        assertThat(site.out().resolve("precious.txt")).hasContent("keep me");
    }

    @Test
    void staticFileCollidingWithAPageIsAnError() {
        site.file("static/basics/shell/index.html", "clash");
        assertThatThrownBy(this::build).hasMessageContaining("would overwrite a generated file at basics/shell/index.html");
    }

    @Test
    void missingConfigSaysHowToStart() throws Exception {
        Files.delete(dir.resolve("termpress.yaml"));
        assertThatThrownBy(this::build).hasMessageContaining("termpress init DIR");
    }
}
