package dev.termpress.generator.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean {@code termpress build} over a previous output updates it in place: the files it would write the same
 * are not written again, and the result is the tree a build into a fresh folder gives (gone files and the folders
 * they leave deleted, a file that became a folder replaced).
 */
class CleanBuildOverPreviousOutputTest {

    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

    @TempDir
    Path dir;

    @Test
    void unchangedFilesStayAndTheTreeIsAFreshBuilds() throws Exception {
        TestSite site = new TestSite(dir.resolve("site"))
                .file("termpress.yaml", TestSite.CONFIG)
                .file("content/index.md", "# Home\n\nSee [one](guide/one.md).\n")
                .file("content/guide/index.md", "# Guide\n\nThe guide.\n")
                .file("content/guide/one.md", "# One\n\nFirst.\n")
                .file("content/old/gone.md", "# Gone\n\nSoon deleted.\n")
                .file("content/guide/picture.txt", "an asset\n")
                .file("static/notes", "a file that becomes a folder\n");
        build(site.dir(), site.out());
        Path unchangedAsset = site.out().resolve("guide/picture.txt");
        Files.setLastModifiedTime(unchangedAsset, LONG_AGO);
        Object assetKey = Files.readAttributes(unchangedAsset, BasicFileAttributes.class).fileKey();

        site.file("content/guide/one.md", "# One\n\nFirst, edited.\n")
                .file("content/guide/two.md", "# Two\n\nNew.\n");
        Files.delete(site.dir().resolve("content/old/gone.md"));
        Files.delete(site.dir().resolve("content/old"));
        Files.delete(site.dir().resolve("static/notes"));
        site.file("static/notes/inside.txt", "now in a folder\n");
        build(site.dir(), site.out());

        Path fresh = dir.resolve("fresh");
        build(site.dir(), fresh);
        assertThat(tree(site.out())).isEqualTo(tree(fresh));
        assertThat(Files.getLastModifiedTime(unchangedAsset)).as("an unchanged file is not written again").isEqualTo(LONG_AGO);
        assertThat(Files.readAttributes(unchangedAsset, BasicFileAttributes.class).fileKey()).isEqualTo(assetKey);
        assertThat(site.output("guide/one/index.html")).contains("First, edited.");
        try (Stream<Path> siblings = Files.list(dir.resolve("site"))) {
            assertThat(siblings.map(p -> p.getFileName().toString())).as("no staging folder left")
                    .containsExactlyInAnyOrder("termpress.yaml", "content", "static", "public");
        }
    }

    @Test
    void anUnchangedPageIsNotWrittenAgain() throws Exception {
        TestSite site = new TestSite(dir.resolve("site"))
                .file("termpress.yaml", TestSite.CONFIG)
                .file("content/index.md", "# Home\n\nHello.\n");
        build(site.dir(), site.out());
        Path page = site.out().resolve("index.html");
        Files.setLastModifiedTime(page, LONG_AGO);

        build(site.dir(), site.out());

        assertThat(Files.getLastModifiedTime(page)).isEqualTo(LONG_AGO);
        assertThat(site.output("index.html")).contains("Hello.");
    }

    private static void build(Path siteDir, Path out) throws Exception {
        new SiteBuilder(new TestSite.FakePublisher(), Progress.QUIET, false)
                .build(new BuildOptions(siteDir, out, null, false));
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String relative = root.relativize(path).toString();
                tree.put(relative, Files.isDirectory(path) ? "dir"
                        : new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1));
            }
        }
        return tree;
    }
}
