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
}
