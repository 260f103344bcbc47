package dev.termpress.generator.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termpress.generator.content.Page;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.SiteError;
import dev.termpress.generator.markdown.DemoBlock;
import dev.termpress.generator.markdown.PageContents;
import dev.termpress.generator.markdown.PageText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the search index the theme's search box loads: one JSON document per page (URL, title,
 * headings, text, demo commands), under one stable name: a content-hashed name would change a reference in
 * every page whenever any page changes, so the theme's script fetches it with {@code cache: "no-cache"}
 * (revalidated, never read stale). The browser builds its minisearch index from it when the reader first
 * opens search.
 */
final class SearchIndexStep implements BuildStep {

    /** The format's version, in the file ({@code "version"}) for clients to check. */
    static final int VERSION = 1;
    /** The index's path below the output root. */
    static final String FILE_NAME = "search-index.json";

    @Override
    public String name() {
        return "search index";
    }

    @Override
    public void run(Site site) throws BuildException {
        if (site.config != null && !site.config.search()) {
            return;
        }
        List<Map<String, Object>> documents = new ArrayList<>();
        List<Page> pages = site.nav.readingOrder();
        for (int i = 0; i < pages.size(); i++) {
            documents.add(document(i, pages.get(i)));
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("version", VERSION);
        index.put("pages", documents);
        String json;
        try {
            json = new ObjectMapper().writeValueAsString(index);
        } catch (JsonProcessingException e) {
            throw new BuildException(new SiteError(site.siteDir(), 0, "cannot write the search index: " + e.getMessage()));
        }
        site.rendered.put(FILE_NAME, json);
        site.searchIndex = FILE_NAME;
    }

    /** One page's searchable fields; short keys keep the index small ({@code u} is relative to the site root). */
    static Map<String, Object> document(int id, Page page) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", id);
        document.put("u", page.url());
        document.put("t", page.title());
        document.put("h", PageContents.of(page.document()).stream().map(PageContents.Entry::text)
                .collect(Collectors.joining("\n")));
        document.put("b", PageText.of(page.document(), page.demos().keySet()));
        document.put("c", page.demos().values().stream().map(DemoBlock::commands).flatMap(List::stream)
                .collect(Collectors.joining("\n")));
        return document;
    }
}
