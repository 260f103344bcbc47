package dev.termpress.generator.content;

import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.util.ast.Document;
import dev.termpress.generator.links.SitePaths;
import dev.termpress.generator.markdown.DemoBlock;
import dev.termpress.generator.markdown.FileBlock;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed page: its source, front matter, Markdown tree, demo blocks and links. */
public final class Page {

    private final SourceFile source;
    /** Computed once: navigation asks every page's URL for every page rendered. */
    private final String url;
    private final FrontMatter frontMatter;
    private final Document document;
    private final String title;
    private final boolean hasTitleHeading;
    private final Map<FencedCodeBlock, DemoBlock> demos;
    private final Map<FencedCodeBlock, FileBlock> fileBlocks;
    private final List<LinkRef> links;
    private final Set<String> anchors;

    /**
     * A link or image source as written in the Markdown.
     *
     * @param url the destination as written
     * @param line the 1-based line it is on
     */
    public record LinkRef(String url, int line) {}

    public Page(SourceFile source, FrontMatter frontMatter, Document document, String title, boolean hasTitleHeading,
            Map<FencedCodeBlock, DemoBlock> demos, List<LinkRef> links, Set<String> anchors) {
        this(source, frontMatter, document, title, hasTitleHeading, demos, Map.of(), links, anchors);
    }

    public Page(SourceFile source, FrontMatter frontMatter, Document document, String title, boolean hasTitleHeading,
            Map<FencedCodeBlock, DemoBlock> demos, Map<FencedCodeBlock, FileBlock> fileBlocks, List<LinkRef> links,
            Set<String> anchors) {
        this.fileBlocks = Collections.unmodifiableMap(new LinkedHashMap<>(fileBlocks));
        this.source = source;
        this.url = SitePaths.pageUrl(source.path());
        this.frontMatter = frontMatter;
        this.document = document;
        this.title = title;
        this.hasTitleHeading = hasTitleHeading;
        this.demos = Collections.unmodifiableMap(new LinkedHashMap<>(demos));
        this.links = List.copyOf(links);
        this.anchors = Set.copyOf(anchors);
    }

    public SourceFile source() {
        return source;
    }

    /** The file on disk, for error messages. */
    public Path file() {
        return source.file();
    }

    /** The path below {@code content/}, e.g. {@code guide/files.md}. */
    public String sourcePath() {
        return source.path();
    }

    public FrontMatter frontMatter() {
        return frontMatter;
    }

    public Document document() {
        return document;
    }

    /** The title from front matter, else the first level-1 heading, else the file name. */
    public String title() {
        return title;
    }

    /** Whether the Markdown has its own level-1 heading (the theme then does not add one). */
    public boolean hasTitleHeading() {
        return hasTitleHeading;
    }

    public Map<FencedCodeBlock, DemoBlock> demos() {
        return demos;
    }

    /** The page's {@code file} blocks by the fenced block they came from, in page order. */
    public Map<FencedCodeBlock, FileBlock> fileBlocks() {
        return fileBlocks;
    }

    public List<LinkRef> links() {
        return links;
    }

    /** The fragment identifiers a link may point at: heading ids, demo ids and ids in raw HTML. */
    public Set<String> anchors() {
        return anchors;
    }

    /** The page's URL relative to the site root: {@code ""}, {@code "guide/"} or {@code "guide/files/"}. */
    public String url() {
        return url;
    }

    /** The file this page is written to, relative to the output root. */
    public String outputPath() {
        return url() + "index.html";
    }

    @Override
    public String toString() {
        return source.path();
    }
}
