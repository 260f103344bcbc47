package dev.termpress.generator.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termpress.generator.content.Page;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.markdown.DemoBlock;
import dev.termpress.generator.markdown.PageContents;
import dev.termpress.generator.markdown.PageText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Page, String> earlier;

    SearchIndexStep() {
        this(Map.of());
    }

    /** @param earlier an earlier build's documents (as {@link #fields} gives them) by page, reused for the same page */
    SearchIndexStep(Map<Page, String> earlier) {
        this.earlier = earlier;
    }

    @Override
    public void run(Site site) throws BuildException {
        if (site.config != null && !site.config.search()) {
            return;
        }
        List<Page> pages = site.nav.readingOrder();
        String[] documents = new String[pages.size()];
        // A page's document is the same JSON whatever its position: only its id follows the reading order.
        IntStream.range(0, pages.size()).parallel().forEach(i -> {
            Page page = pages.get(i);
            String known = earlier.get(page);
            documents[i] = known != null ? known : fields(page);
        });
        StringBuilder json = new StringBuilder(documents.length * 1024 + 32)
                .append("{\"version\":").append(VERSION).append(",\"pages\":[");
        for (int i = 0; i < documents.length; i++) {
            site.searchDocuments.put(pages.get(i), documents[i]);
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(',').append(documents[i]);
        }
        json.append("]}");
        site.rendered.put(FILE_NAME, json.toString());
        site.searchIndex = FILE_NAME;
    }

    /**
     * A page's document without its id and opening brace, as JSON: appended whole after the id (a String appends
     * as one array copy; a range of one is copied a character at a time).
     */
    private static String fields(Page page) {
        Map<String, Object> document = document(0, page);
        document.remove("id");
        try {
            return JSON.writeValueAsString(document).substring(1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
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
