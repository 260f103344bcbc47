package dev.termpress.generator.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.generator.content.Page;
import dev.termpress.generator.markdown.Markdown;
import dev.termpress.generator.theme.PageModel;
import dev.termpress.generator.theme.SharedSidebar;
import dev.termpress.generator.theme.Theme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidebar shared by a folder's pages gives the same bytes as the partial rendered for every page (a base
 * template override that always includes it is the reference), marks exactly the page itself, and falls back
 * to per-page rendering for a partial whose entries depend on their place in the list.
 */
class SharedSidebarTest {

    /** The built-in base template's sidebar line, as it was before the shared sidebar: always the partial. */
    private static final String ALWAYS_INCLUDE = "{% include \"partials/nav.peb\" %}";

    @TempDir
    Path dir;

    @Test
    void everyPageIsByteForByteWhatThePartialRenderedForItWouldBe() throws Exception {
        Map<String, String> shared = build(site("shared"));
        Map<String, String> perPage = build(alwaysIncluding(site("per-page")));
        assertThat(shared.keySet()).contains("a/one/index.html", "a/deep/x/index.html", "index.html");
        assertSame(shared, perPage);
    }

    @Test
    void eachPageMarksExactlyItselfActive() throws Exception {
        Map<String, String> pages = build(site("marks"));
        Pattern current = Pattern.compile("<a href=\"([^\"]*)\" aria-current=\"page\">([^<]*)</a>");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            if (!page.getKey().endsWith("index.html")) {
                continue;
            }
            String sidebar = sidebar(page.getValue());
            Matcher m = current.matcher(sidebar);
            assertThat(m.find()).as(page.getKey()).isTrue();
            assertThat(m.group(1)).as(page.getKey()).isEqualTo("./");
            assertThat(m.find()).as("a second active entry in " + page.getKey()).isFalse();
            assertThat(sidebar.split("tp-active", -1)).as(page.getKey()).hasSize(2);
        }
        assertThat(sidebar(pages.get("a/two/index.html"))).contains("<a href=\"../one/\">One</a>")
                .contains("<a href=\"./\" aria-current=\"page\">Two</a>");
    }

    @Test
    void aPartialThatNumbersItsEntriesStillGetsEachPagesOwnRendering() throws Exception {
        String numbered = "{% for item in nav %}<p>{{ loop.index }} {% if item.active %}*{% endif %}{{ item.title }}"
                + "</p>{% endfor %}\n";
        TestSite shared = site("numbered").file("theme/templates/partials/nav.peb", numbered);
        TestSite perPage = alwaysIncluding(site("numbered-per-page")).file("theme/templates/partials/nav.peb", numbered);
        Map<String, String> pages = build(shared);
        assertSame(pages, build(perPage));
        assertThat(sidebar(pages.get("c/index.html"))).contains("*C page");
    }

    @Test
    void theFoldersPagesShareOneRenderingAndTheOthersRenderTheirOwn() throws Exception {
        Map<String, Boolean> shares = shares(site("who"));
        assertThat(shares).containsEntry("a/one/", true).containsEntry("a/three/", true).containsEntry("a/deep/y/", true)
                .containsEntry("b/only/", true).containsEntry("c/", true)
                // a folder's page sees its own entry open, and links below it
                .containsEntry("a/", false);
        assertThat(shares(site("who-numbered").file("theme/templates/partials/nav.peb",
                "{% for item in nav %}{{ loop.index }}{{ item.title }}{% endfor %}\n")))
                // the home page's entry is the list's first, numbered 0 in a one-entry list too: it may share
                .containsEntry("c/", false).containsEntry("d/", false).containsEntry("a/one/", false);
    }

    /** Page URL to whether the page gets a copy of a shared sidebar. */
    private static Map<String, Boolean> shares(TestSite site) throws Exception {
        Site built = new SiteBuilder(new TestSite.FakePublisher(), Progress.QUIET, false)
                .run(BuildOptions.of(site.dir()), new Markdown()).site();
        SharedSidebar sidebars = new SharedSidebar(built.theme, built.nav);
        Map<String, Boolean> shares = new TreeMap<>();
        for (Page page : built.nav.readingOrder()) {
            Map<String, Object> model = PageModel.forPage(built.config, built.nav, page, "", null);
            shares.put(page.url(), sidebars.forPage(page, model) != null);
        }
        return shares;
    }

    private TestSite site(String name) {
        TestSite site = new TestSite(dir.resolve(name));
        site.file("termpress.yaml", "title: Sidebar\n");
        site.file("content/index.md", "# Home\n\nWelcome.\n");
        site.file("content/a/index.md", "---\ntitle: Folder A\nweight: 1\n---\nThe a folder.\n");
        site.file("content/a/one.md", "---\ntitle: One\nweight: 1\n---\nOne.\n");
        site.file("content/a/two.md", "---\ntitle: Two\nweight: 2\n---\nTwo & <three>.\n");
        site.file("content/a/three.md", "---\ntitle: Three & \"four\"\nweight: 3\n---\nThree.\n");
        site.file("content/a/deep/x.md", "# X\n\nDeep.\n");
        site.file("content/a/deep/y.md", "# Y\n\nDeeper.\n");
        site.file("content/b/only.md", "# Only\n\nAlone in b, which has no page of its own.\n");
        site.file("content/c.md", "# C page\n\nAt the top.\n");
        site.file("content/d.md", "# D page\n\nAt the top too.\n");
        return site;
    }

    private static TestSite alwaysIncluding(TestSite site) throws IOException {
        String base = new String(Theme.class.getClassLoader().getResourceAsStream(Theme.BUILTIN + "templates/base.peb")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String line = base.lines().filter(l -> l.startsWith("{% if sidebar")).findFirst().orElseThrow();
        assertThat(line).isNotEqualTo(ALWAYS_INCLUDE);
        return site.file("theme/templates/base.peb", base.replace(line, ALWAYS_INCLUDE));
    }

    /** Equal file sets and texts; a difference is reported with the text around its first character. */
    private static void assertSame(Map<String, String> actual, Map<String, String> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<String, String> file : expected.entrySet()) {
            String a = actual.get(file.getKey());
            String e = file.getValue();
            int at = 0;
            while (at < a.length() && at < e.length() && a.charAt(at) == e.charAt(at)) {
                at++;
            }
            int from = Math.max(0, at - 80);
            assertThat(a.substring(from, Math.min(a.length(), at + 80))).as(file.getKey() + " at " + at)
                    .isEqualTo(e.substring(from, Math.min(e.length(), at + 80)));
        }
    }

    private static String sidebar(String html) {
        int start = html.indexOf("<nav id=\"tp-sidebar\"");
        return html.substring(start, html.indexOf("</nav>", start));
    }

    /** Builds the site; every output file below the site's output, by path. */
    private static Map<String, String> build(TestSite site) throws Exception {
        new SiteBuilder(new TestSite.FakePublisher(), Progress.QUIET, false).build(BuildOptions.of(site.dir()));
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(site.out())) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                String name = site.out().relativize(path).toString();
                if (name.endsWith(".html")) {
                    files.put(name, Files.readString(path));
                }
            }
        }
        return files;
    }
}
