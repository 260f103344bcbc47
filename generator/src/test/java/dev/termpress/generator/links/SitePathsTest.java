package dev.termpress.generator.links;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SitePathsTest {

    @Test
    void pagesGetDirectoryUrls() {
        assertThat(SitePaths.pageUrl("index.md")).isEqualTo("");
        assertThat(SitePaths.pageUrl("guide/index.md")).isEqualTo("guide/");
        assertThat(SitePaths.pageUrl("guide/files.md")).isEqualTo("guide/files/");
    }

    @Test
    void relativeUrlsWalkUpAndDown() {
        assertThat(SitePaths.relative("", "images/busybox.json")).isEqualTo("images/busybox.json");
        assertThat(SitePaths.relative("guide/files/", "images/busybox.json")).isEqualTo("../../images/busybox.json");
        assertThat(SitePaths.relative("guide/files/", "guide/pipes/")).isEqualTo("../pipes/");
        assertThat(SitePaths.relative("guide/files/", "guide/files/")).isEqualTo("./");
        assertThat(SitePaths.relative("guide/files/", "")).isEqualTo("../../");
        assertThat(SitePaths.relative("guide/", "guide/files/")).isEqualTo("files/");
        assertThat(SitePaths.relative("guidebook/", "guide/x/")).isEqualTo("../guide/x/");
    }

    @Test
    void rootPrefixCountsDirectories() {
        assertThat(SitePaths.rootPrefix("")).isEmpty();
        assertThat(SitePaths.rootPrefix("a/b/")).isEqualTo("../../");
    }
}
