package dev.termpress.generator.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termpress.generator.content.Page;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.SiteError;
import dev.termpress.generator.markdown.DemoBlock;
import dev.termpress.generator.markdown.PageContents;
import dev.termpress.generator.markdown.PageText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the search index the theme's search box loads: one JSON document per page (URL, title,
 * headings, text, demo commands), named by its content's hash so a rebuilt index is never read stale
 * from a cache. The browser builds its minisearch index from it when the reader first opens search.
 */
final class SearchIndexStep implements BuildStep {

    /** The format's version, in the file ({@code "version"}) for clients to check. */
    static final int VERSION = 1;
    static final String PREFIX = "search-index.";

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
        String path = PREFIX + hash(json) + ".json";
        site.rendered.put(path, json);
        site.searchIndex = path;
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

    private static String hash(String json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
