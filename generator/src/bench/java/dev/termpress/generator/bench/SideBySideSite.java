package dev.termpress.generator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One generated 1,000-page docs site written for both termpress and Hugo, with the same Markdown: every page
 * has front matter, a table, a list, a code block and links, and all pages sit in one folder so that both
 * tools' sidebars list all 1,000 of them on every page (termpress's default theme, a minimal Hugo layout).
 * Public for site-tests' search benchmark, whose bench profile compiles this source folder too.
 */
public final class SideBySideSite {

    public static final int PAGES = 1_000;

    private SideBySideSite() {}

    /** The Markdown body of page {@code i} (shared by both tools; links are written per tool). */
    static String body(int i, String nextLink) {
        StringBuilder md = new StringBuilder();
        md.append("Page ").append(i).append(" of the side-by-side benchmark.\n\n");
        for (int p = 0; p < 4; p++) {
            md.append("A paragraph with *emphasis*, `code`, and a [link to the next page](").append(nextLink)
                    .append("). Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n\n");
        }
        md.append("## A table\n\n| Tool | Use |\n|---|---|\n| grep | search |\n| sed | edit |\n| awk | fields |\n\n");
        md.append("## A list\n\n- one\n- two\n- three\n\n");
        md.append("```sh\nprintf 'b\\na\\n' | sort\n```\n");
        return md.toString();
    }

    public static String name(int i) {
        return String.format("p%04d", i);
    }

    /** The termpress site: termpress.yaml and content/. */
    public static void writeTermpress(Path site) throws IOException {
        Files.createDirectories(site.resolve("content"));
        Files.writeString(site.resolve("termpress.yaml"), "title: Benchmark\nsearch: true\n");
        Files.writeString(site.resolve("content/index.md"), "# Benchmark\n\nStart at [the first page](p0000.md).\n");
        for (int i = 0; i < PAGES; i++) {
            Files.writeString(site.resolve("content/" + name(i) + ".md"), termpressPage(i, "Page " + i, ""));
        }
    }

    public static String termpressPage(int i, String title, String extra) {
        return "---\ntitle: " + title + "\nweight: " + i + "\n---\n\n" + body(i, name((i + 1) % PAGES) + ".md") + extra;
    }

    /** The Hugo site: hugo.toml, content/ and layouts whose sidebar lists every page. */
    static void writeHugo(Path site) throws IOException {
        Files.createDirectories(site.resolve("content"));
        Files.createDirectories(site.resolve("layouts/_default"));
        Files.writeString(site.resolve("hugo.toml"), "baseURL = '/'\ntitle = 'Benchmark'\nrelativeURLs = true\n"
                + "disableKinds = ['taxonomy', 'term', 'RSS']\n");
        String sidebar = "<nav><ul>{{ range .Site.RegularPages.ByWeight }}<li{{ if eq . $.Page }} class=\"active\"{{ end }}>"
                + "<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></nav>";
        String page = "<!doctype html><html><head><meta charset=\"utf-8\"><title>{{ .Title }} - {{ .Site.Title }}</title>"
                + "</head><body>" + sidebar + "<main><h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}</main>"
                + "{{ with .PrevInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}"
                + "{{ with .NextInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</body></html>\n";
        Files.writeString(site.resolve("layouts/_default/single.html"), page);
        Files.writeString(site.resolve("layouts/_default/list.html"), page);
        Files.writeString(site.resolve("layouts/index.html"), page);
        Files.writeString(site.resolve("content/_index.md"), "---\ntitle: Benchmark\n---\nStart at [the first page]({{< ref \"p0000.md\" >}}).\n");
        for (int i = 0; i < PAGES; i++) {
            Files.writeString(site.resolve("content/" + name(i) + ".md"), hugoPage(i, "Page " + i, ""));
        }
    }

    static String hugoPage(int i, String title, String extra) {
        return "---\ntitle: \"" + title + "\"\nweight: " + (i + 1) + "\n---\n\n"
                + body(i, "{{< ref \"" + name((i + 1) % PAGES) + ".md\" >}}") + extra;
    }
}
