package dev.termpress.generator.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.generator.diag.BuildException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After every edit of a random sequence (bodies, titles, weights, front matter, pages and folders added,
 * removed and renamed, settings, static files, theme overrides, page files), {@link IncrementalBuilder}'s
 * output is byte for byte a clean build's of the same sources.
 */
class IncrementalBuildEquivalenceTest {

    private static final int EDITS = 30;

    @TempDir
    Path dir;

    private Path siteDir;
    private Random random;
    private int counter;

    /** Every path the edits wrote, moved or deleted since the last build: what the serve watcher reports. */
    private final Set<Path> touched = new HashSet<>();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void everyEditGivesTheCleanBuildsOutput(long seed) throws Exception {
        editAndCompare(seed, false);
    }

    /** As serve does: each build is told the changed paths, and an edit of pages alone walks no folder. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 6, 7, 8})
    void everyEditNamedByItsPathsGivesTheCleanBuildsOutput(long seed) throws Exception {
        editAndCompare(seed, true);
    }

    private void editAndCompare(long seed, boolean namedChanges) throws Exception {
        random = new Random(seed);
        siteDir = dir.resolve("site");
        writeInitialSite();
        IncrementalBuilder incremental = new IncrementalBuilder(new TestSite.FakePublisher(), Progress.QUIET, false);
        BuildOptions options = BuildOptions.of(siteDir);
        assertThat(incremental.build(options).clean()).isTrue();
        assertSameAsClean(options, "initial build");
        int updates = 0;
        List<String> log = new ArrayList<>();
        for (int i = 0; i < EDITS; i++) {
            touched.clear();
            String edit = editOnce();
            log.add(edit);
            BuildResult result = namedChanges ? incremental.build(options, changes()) : incremental.build(options);
            if (!result.clean()) {
                updates++;
            }
            assertSameAsClean(options, "after edits " + log);
        }
        // Most edits are to pages: the sequence must exercise the incremental path, not only clean builds.
        assertThat(updates).as("incremental updates in " + log).isGreaterThan(EDITS / 3);
    }

    @Test
    void aFailedUpdateLeavesTheOutputAndTheNextUpdateIsRight() throws Exception {
        random = new Random(7);
        siteDir = dir.resolve("site");
        writeInitialSite();
        IncrementalBuilder incremental = new IncrementalBuilder(new TestSite.FakePublisher(), Progress.QUIET, false);
        BuildOptions options = BuildOptions.of(siteDir);
        incremental.build(options);
        Map<String, String> before = tree(options.outputDir());
        write("content/a/one.md", "# One\n\n[nowhere](missing.md)\n");
        assertThatThrownBy(() -> incremental.build(options)).isInstanceOf(BuildException.class)
                .hasMessageContaining("missing.md");
        assertThat(tree(options.outputDir())).isEqualTo(before);
        write("content/a/one.md", "---\ntitle: One again\n---\nFixed.\n");
        BuildResult result = incremental.build(options);
        assertThat(result.clean()).isFalse();
        assertThat(result.changedFiles()).isPositive();
        assertSameAsClean(options, "after the fix");
    }

    @Test
    void namedPageEditsAreTheOnlyChangesLookedAt() throws Exception {
        random = new Random(9);
        siteDir = dir.resolve("site");
        writeInitialSite();
        IncrementalBuilder incremental = new IncrementalBuilder(new TestSite.FakePublisher(), Progress.QUIET, false);
        BuildOptions options = BuildOptions.of(siteDir);
        incremental.build(options);
        // A file no event named: an update told of one page's edit does not walk the content to find it.
        Files.writeString(siteDir.resolve("content/a/unseen.txt"), "no event for me\n");
        touched.clear();
        write("content/a/one.md", "# One\n\nA body about quokkas.\n");
        BuildResult result = incremental.build(options, changes());
        assertThat(result.clean()).isFalse();
        assertThat(Files.readString(options.outputDir().resolve("a/one/index.html"))).contains("quokkas");
        assertThat(options.outputDir().resolve("a/unseen.txt")).doesNotExist();

        // A named change that is not an edit of a known page (a new file) looks at everything again.
        touched.clear();
        write("content/a/seen.txt", "named\n");
        incremental.build(options, changes());
        assertThat(options.outputDir().resolve("a/unseen.txt")).exists();
        assertSameAsClean(options, "after a named new file");
    }

    private SourceChanges changes() {
        return new SourceChanges(touched, true);
    }

    @Test
    void aBodyEditWritesOnlyThatPageAndTheSearchIndex() throws Exception {
        random = new Random(8);
        siteDir = dir.resolve("site");
        writeInitialSite();
        IncrementalBuilder incremental = new IncrementalBuilder(new TestSite.FakePublisher(), Progress.QUIET, false);
        BuildOptions options = BuildOptions.of(siteDir);
        incremental.build(options);
        write("content/a/one.md", "# One\n\nA new body about wombats.\n");
        BuildResult result = incremental.build(options);
        assertThat(result.clean()).isFalse();
        assertThat(result.changedFiles()).isEqualTo(2);
        assertThat(result.serveSummary()).matches("Updated .* \\(\\d+ pages\\): 2 files changed in \\d+ ms");
        assertThat(Files.readString(options.outputDir().resolve("a/one/index.html"))).contains("wombats");
        assertThat(Files.readString(options.outputDir().resolve(SearchIndexStep.FILE_NAME))).contains("wombats");
    }

    private void assertSameAsClean(BuildOptions options, String what) throws Exception {
        Path cleanOut = dir.resolve("clean-" + (counter++));
        new SiteBuilder(new TestSite.FakePublisher(), Progress.QUIET, false)
                .build(new BuildOptions(siteDir, cleanOut, null, false, options.pull()));
        Map<String, String> expected = tree(cleanOut);
        Map<String, String> actual = tree(options.outputDir());
        assertThat(actual.keySet()).as(what).containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<String, String> file : expected.entrySet()) {
            assertThat(actual.get(file.getKey())).as(file.getKey() + " " + what).isEqualTo(file.getValue());
        }
        StagedOutput.deleteTree(cleanOut);
    }

    /** Every file and folder below {@code root}: path to a digest of its bytes ("dir" for folders). */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String relative = root.relativize(path).toString();
                if (Files.isDirectory(path)) {
                    tree.put(relative + "/", "dir");
                } else {
                    byte[] bytes = Files.readAllBytes(path);
                    tree.put(relative, bytes.length < 4096 ? new String(bytes, StandardCharsets.ISO_8859_1)
                            : bytes.length + ":" + Arrays.hashCode(bytes));
                }
            }
        }
        return tree;
    }

    // ---- the site and its edits ----

    private void writeInitialSite() throws IOException {
        write("termpress.yaml", TestSite.CONFIG + "base_url: https://example.org/docs/\n");
        write("content/index.md", "# Home\n\n## Start\n\nWelcome. See [one](a/one.md) and [the a folder](a/).\n");
        write("content/a/index.md", "---\ntitle: Folder A\nweight: 1\n---\nThe a folder.\n");
        write("content/a/one.md", "# One\n\n[home](/index.md#start)\n");
        write("content/a/two.md", page("Two", 2, "Some text."));
        write("content/b/index.md", page("Folder B", 2, "The b folder."));
        write("content/b/three.md", page("Three", null, "Three's body.\n\n```container image=busybox\n$ uname -m\nriscv64\n```\n"));
        write("content/b/four.md", page("Four", 5, "```file path=/root/x.txt\nhello\n```\n"));
        write("content/b/tree/data.txt", "data\n");
        write("content/b/five.md", page("Five", null, "```container image=busybox workdir=/root files=tree\n$ ls\n```\n"));
        write("content/b/picture.png", "not really a png\n");
        write("static/robots.txt", "User-agent: *\n");
    }

    private static String page(String title, Integer weight, String body) {
        return "---\ntitle: " + title + "\n" + (weight == null ? "" : "weight: " + weight + "\n") + "---\n" + body + "\n";
    }

    /** Makes one random edit and says what it was. */
    private String editOnce() throws IOException {
        List<Path> pages = removablePages();
        int kind = random.nextInt(100);
        if (kind < 25 && !pages.isEmpty()) {
            Path p = pick(pages);
            append(p, "\nMore words " + random.nextInt(1000) + ".\n");
            return "body " + name(p);
        } else if (kind < 35 && !pages.isEmpty()) {
            Path p = pick(pages);
            write(p, page("Title " + random.nextInt(1000), random.nextBoolean() ? random.nextInt(9) : null, body(p)));
            return "title " + name(p);
        } else if (kind < 42 && !pages.isEmpty()) {
            Path p = pick(pages);
            String fm = switch (random.nextInt(4)) {
                case 0 -> "toc: false\n";
                case 1 -> "description: About " + random.nextInt(100) + "\n";
                case 2 -> "draft: true\n";
                default -> "weight: " + random.nextInt(9) + "\n";
            };
            write(p, "---\ntitle: FM " + random.nextInt(100) + "\n" + fm + "---\n# Heading\n\n## Part one\n\n## Part two\n"
                    + body(p));
            return "front matter " + fm.strip() + " " + name(p);
        } else if (kind < 55) {
            String folder = random.nextInt(3) == 0 ? "n" + random.nextInt(3) + "/" : pick(List.of("", "a/", "b/"));
            Path p = siteDir.resolve("content/" + folder + "p" + (counter + random.nextInt(100000)) + ".md");
            write(p, page("New " + random.nextInt(1000), random.nextBoolean() ? random.nextInt(9) : null,
                    "A new page. [home](/index.md)\n"));
            return "add " + name(p);
        } else if (kind < 63 && !pages.isEmpty()) {
            Path p = pick(pages);
            touch(p);
            Files.delete(p);
            return "remove " + name(p);
        } else if (kind < 71 && !pages.isEmpty()) {
            Path p = pick(pages);
            Path to = siteDir.resolve("content/" + pick(List.of("", "a/", "m" + random.nextInt(2) + "/"))
                    + "r" + random.nextInt(100000) + ".md");
            Files.createDirectories(to.getParent());
            touch(p);
            touch(to);
            Files.move(p, to);
            return "rename " + name(p) + " to " + name(to);
        } else if (kind < 75) {
            Path folder = siteDir.resolve("content/" + pick(List.of("n0", "n1", "n2", "m0", "m1")));
            if (Files.isDirectory(folder)) {
                touch(folder);
                StagedOutput.deleteTree(folder);
                return "remove folder " + name(folder);
            }
            write(folder.resolve("index.md"), page("Folder " + random.nextInt(100), null, "A folder page."));
            return "add folder " + name(folder);
        } else if (kind < 80) {
            write("termpress.yaml", TestSite.CONFIG + "base_url: https://example.org/docs/\ndescription: D"
                    + random.nextInt(1000) + "\n");
            return "config";
        } else if (kind < 84) {
            append(siteDir.resolve("static/robots.txt"), "Disallow: /x" + random.nextInt(100) + "\n");
            return "static";
        } else if (kind < 87) {
            append(siteDir.resolve("theme/static/extra.css"), "body{}\n");
            return "theme asset";
        } else if (kind < 92) {
            write("content/b/four.md", page("Four", 5, "```file path=/root/x.txt\nhello " + random.nextInt(100) + "\n```\n"));
            return "file block";
        } else if (kind < 96) {
            append(siteDir.resolve("content/b/tree/data.txt"), "more " + random.nextInt(100) + "\n");
            return "files=DIR file";
        } else {
            Path p = siteDir.resolve("content/b/three.md");
            write(p, page("Three", null, random.nextBoolean() ? "No demo now.\n"
                    : "```container image=busybox\n$ echo " + random.nextInt(100) + "\n```\n"));
            return "demo";
        }
    }

    /** Pages no link points at, so that removing one breaks nothing. */
    private List<Path> removablePages() throws IOException {
        List<String> kept = List.of("index.md", "a/one.md", "a/index.md", "b/four.md", "b/five.md", "b/three.md");
        Path content = siteDir.resolve("content");
        try (Stream<Path> walk = Files.walk(content)) {
            return walk.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !kept.contains(content.relativize(p).toString()))
                    .sorted().toList();
        }
    }

    private String body(Path page) throws IOException {
        String text = Files.readString(page);
        int end = text.indexOf("\n---\n", 4);
        return text.startsWith("---\n") && end > 0 ? text.substring(end + 5) : text;
    }

    /** Notes {@code file} and each folder that writing it may create, as the watcher's events would. */
    private void touch(Path file) {
        for (Path p = file.toAbsolutePath().normalize(); p.startsWith(siteDir.toAbsolutePath().normalize())
                && !Files.exists(p); p = p.getParent()) {
            touched.add(p);
        }
        touched.add(file.toAbsolutePath().normalize());
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private String name(Path p) {
        return siteDir.relativize(p).toString();
    }

    private void write(String path, String text) throws IOException {
        write(siteDir.resolve(path), text);
    }

    private void write(Path file, String text) throws IOException {
        touch(file);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void append(Path file, String text) throws IOException {
        touch(file);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Files.exists(file) ? Files.readString(file) + text : text);
    }
}
