package dev.termpress.generator.links;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.generator.content.FrontMatter;
import dev.termpress.generator.content.Page;
import dev.termpress.generator.content.SourceFile;
import dev.termpress.generator.links.LinkTargets.Broken;
import dev.termpress.generator.links.LinkTargets.Resolved;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinkTargetsTest {

    private static Page page(String path) {
        return new Page(new SourceFile(Path.of("/site/content/" + path), path, ""), FrontMatter.EMPTY,
                null, path, false, Map.of(), List.of(), Set.of("intro", "sort"));
    }

    private final Page home = page("index.md");
    private final Page files = page("guide/files.md");
    private final Page pipes = page("guide/pipes.md");
    private final LinkTargets targets = new LinkTargets(List.of(home, files, pipes), Set.of("guide/secret.md"),
            Set.of("logo.png", "guide/diagram.svg", "assets/termpress.css"));

    @Test
    void markdownLinksBecomePageUrls() {
        assertThat(targets.resolve(files, "pipes.md")).isEqualTo(new Resolved("../pipes/"));
        assertThat(targets.resolve(files, "pipes.md#sort")).isEqualTo(new Resolved("../pipes/#sort"));
        assertThat(targets.resolve(files, "../index.md")).isEqualTo(new Resolved("../../"));
        assertThat(targets.resolve(home, "guide/files.md")).isEqualTo(new Resolved("guide/files/"));
        assertThat(targets.resolve(files, "/guide/pipes.md")).isEqualTo(new Resolved("../pipes/"));
    }

    @Test
    void fragmentsMustNameAnAnchorOfTheTargetPage() {
        assertThat(targets.resolve(files, "#intro")).isEqualTo(new Resolved("#intro"));
        assertThat(targets.resolve(files, "#top")).isEqualTo(new Resolved("#top"));
        assertThat(targets.resolve(files, "#nope")).isEqualTo(new Broken(
                "broken link '#nope': no heading #nope in content/guide/files.md (valid: #intro, #sort)"));
        assertThat(targets.resolve(home, "guide/pipes.md#sorting")).isEqualTo(new Broken(
                "broken link 'guide/pipes.md#sorting': no heading #sorting in content/guide/pipes.md"
                        + " (valid: #intro, #sort)"));
    }

    @Test
    void filesResolveAgainstTheSourceFolder() {
        assertThat(targets.resolve(files, "diagram.svg")).isEqualTo(new Resolved("../diagram.svg"));
        assertThat(targets.resolve(files, "/logo.png")).isEqualTo(new Resolved("../../logo.png"));
        assertThat(targets.resolve(home, "guide/files/")).isEqualTo(new Resolved("guide/files/"));
    }

    @Test
    void externalAndAnchorLinksAreKept() {
        assertThat(targets.resolve(files, "https://example.org/x.md")).isEqualTo(new Resolved("https://example.org/x.md"));
        assertThat(targets.resolve(files, "mailto:a@b")).isEqualTo(new Resolved("mailto:a@b"));
        assertThat(targets.resolve(files, "#top")).isEqualTo(new Resolved("#top"));
    }

    @Test
    void brokenLinksSayWhatExists() {
        assertThat(targets.resolve(files, "pipez.md")).isEqualTo(new Broken(
                "broken link 'pipez.md': no page content/guide/pipez.md (pages in content/guide/: files.md, pipes.md)"));
        assertThat(targets.resolve(files, "secret.md")).isInstanceOf(Broken.class)
                .extracting(b -> ((Broken) b).reason()).asString().contains("is a draft");
        assertThat(targets.resolve(files, "../../../etc/passwd")).isInstanceOf(Broken.class);
        assertThat(targets.resolve(files, "missing.png")).isInstanceOf(Broken.class);
    }

    @Test
    void aLinkWrittenAsAPageUrlNamesTheMarkdownFileItMeant() {
        Page p1 = page("p1.md");
        Page p2 = page("p2.md");
        Page guide = page("guide/index.md");
        LinkTargets site = new LinkTargets(List.of(home, p1, p2, guide, files, pipes), Set.of(), Set.of());
        String why = " (a link names the page's Markdown file, relative to this file)";

        assertThat(site.resolve(pipes, "../files/")).isEqualTo(new Broken(
                "broken link '../files/': no page or file 'files/'; did you mean files.md?" + why));
        assertThat(site.resolve(p2, "../p1/#intro")).isEqualTo(new Broken(
                "'../p1/#intro' points outside the site; did you mean p1.md#intro?" + why));
        assertThat(site.resolve(files, "pipes.html")).isEqualTo(new Broken(
                "broken link 'pipes.html': no page or file 'guide/pipes.html'; did you mean pipes.md?" + why));
        assertThat(site.resolve(home, "guide/files.html")).isEqualTo(new Broken(
                "broken link 'guide/files.html': no page or file 'guide/files.html'; did you mean guide/files.md?" + why));
        assertThat(site.resolve(files, "/guide/index.html")).isEqualTo(new Broken(
                "broken link '/guide/index.html': no page or file 'guide/index.html'; did you mean index.md?" + why));
        assertThat(site.resolve(pipes, "../../p1")).isEqualTo(new Broken(
                "'../../p1' points outside the site; did you mean ../p1.md?" + why));
    }

    @Test
    void pageUrlsThatResolveFromTheFileStayLinksAndOtherMissesGetNoHint() {
        Page guide = page("guide/index.md");
        LinkTargets site = new LinkTargets(List.of(home, guide, files, pipes), Set.of(), Set.of());

        assertThat(site.resolve(files, "/guide/")).isEqualTo(new Resolved("../"));
        assertThat(site.resolve(home, "guide/pipes/")).isEqualTo(new Resolved("guide/pipes/"));
        assertThat(site.resolve(files, "../nowhere/")).isEqualTo(new Broken(
                "broken link '../nowhere/': no page or file 'nowhere/'"));
    }
}
