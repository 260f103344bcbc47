package dev.termpress.generator.build;

import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import dev.termpress.generator.content.FrontMatter;
import dev.termpress.generator.content.FrontMatterReader;
import dev.termpress.generator.content.Page;
import dev.termpress.generator.content.Page.LinkRef;
import dev.termpress.generator.content.SourceFile;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.image.ImageSpec;
import dev.termpress.generator.markdown.DemoBlock;
import dev.termpress.generator.markdown.DemoBlockParser;
import dev.termpress.generator.markdown.FileBlock;
import dev.termpress.generator.markdown.FileBlockParser;
import dev.termpress.generator.markdown.PageFile;
import dev.termpress.generator.content.ContentLoader;
import dev.termpress.generator.markdown.Markdown;
import dev.termpress.generator.nav.NavTree;
import com.vladsch.flexmark.html.renderer.HeaderIdGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/** Parses front matter and Markdown, finds demo blocks and links, and derives the navigation. */
final class ParseStep implements BuildStep {

    /** Ids written in raw HTML; links to them are as valid as links to headings. */
    private static final Pattern HTML_ID = Pattern.compile("\\bid\\s*=\\s*[\"']([^\"']+)[\"']");

    private final Markdown markdown;
    private final Function<SourceFile, Page> earlier;

    ParseStep(Markdown markdown) {
        this(markdown, source -> null);
    }

    /**
     * @param earlier an earlier build's page for a source when it may be reused as it is (same path and
     *     text, nothing else it reads changed), else {@code null}
     */
    ParseStep(Markdown markdown, Function<SourceFile, Page> earlier) {
        this.markdown = markdown;
        this.earlier = earlier;
    }

    @Override
    public String name() {
        return "parse";
    }

    @Override
    public void run(Site site) throws BuildException {
        int count = site.sources.size();
        Page[] pages = new Page[count];
        ErrorCollector[] errorsPerPage = new ErrorCollector[count];
        // Pages parse independently, and flexmark's parser is thread-safe: use every core.
        IntStream.range(0, count).parallel().forEach(i -> {
            ErrorCollector pageErrors = new ErrorCollector();
            try {
                SourceFile source = site.sources.get(i);
                Page reused = earlier.apply(source);
                pages[i] = reused != null ? reused : parse(site, source, pageErrors);
            } catch (BuildException e) {
                pageErrors.addAll(e);
            }
            errorsPerPage[i] = pageErrors;
        });
        ErrorCollector errors = new ErrorCollector();
        for (int i = 0; i < count; i++) {
            errors.addAll(errorsPerPage[i]);
            Page page = pages[i];
            if (page == null) {
                continue;
            }
            site.parsed.add(page);
            if (page.frontMatter().draft() && !site.options.drafts()) {
                site.drafts.add(page.sourcePath());
            } else {
                site.pages.add(page);
            }
        }
        errors.throwIfAny();
        site.nav = NavTree.of(site.pages);
        site.progress.update("parsed " + site.pages.size() + " pages");
    }

    /**
     * A block without {@code hostname=} takes its image's from termpress.yaml, if any; one without
     * {@code persist=} takes the site's {@code persist:}, one without {@code network=} its image's {@code network:}.
     */
    private static DemoBlock withImageHostname(Site site, DemoBlock block) {
        if (site.config != null) {
            block = block.withPersistDefault(site.config.persist());
            block = block.withNetworkDefault(site.config.image(block.image()).map(ImageSpec::network).orElse(false));
        }
        if (block.hostname() != null || site.config == null) {
            return block;
        }
        return site.config.image(block.image()).map(ImageSpec::hostname).map(block::withHostname).orElse(block);
    }

    private Page parse(Site site, SourceFile source, ErrorCollector errors) throws BuildException {
        FrontMatterReader.Split split = FrontMatterReader.read(source.text(), source.file());
        FrontMatter frontMatter = split.frontMatter();
        Document document = markdown.parse(split.body());
        new HeaderIdGenerator(document).generateIds(document);
        Set<String> anchors = new HashSet<>();
        Matcher htmlIds = HTML_ID.matcher(split.body());
        while (htmlIds.find()) {
            anchors.add(htmlIds.group(1));
        }
        Map<FencedCodeBlock, DemoBlock> demos = new LinkedHashMap<>();
        Map<FencedCodeBlock, FileBlock> fileBlocks = new LinkedHashMap<>();
        List<LinkRef> links = new ArrayList<>();
        String heading = null;
        for (Node node : document.getDescendants()) {
            if (node instanceof FencedCodeBlock block && DemoBlockParser.isDemo(block.getInfo().toString())) {
                try {
                    demos.put(block, withImageHostname(site, DemoBlockParser.parse(block.getInfo().toString(),
                            block.getContentChars().toString(), source.file(), block.getStartLineNumber() + 1)));
                } catch (BuildException e) {
                    errors.addAll(e);
                }
            } else if (node instanceof FencedCodeBlock block && FileBlockParser.isFile(block.getInfo().toString())) {
                try {
                    fileBlocks.put(block, FileBlockParser.parse(block.getInfo().toString(),
                            block.getContentChars().toString(), source.file(), block.getStartLineNumber() + 1));
                } catch (BuildException e) {
                    errors.addAll(e);
                }
            } else if (node instanceof Heading h) {
                anchors.add(h.getAnchorRefId());
                if (h.getLevel() == 1 && heading == null) {
                    heading = h.getText().toString().strip();
                }
            } else if (node instanceof Link link) {
                links.add(new LinkRef(link.getUrl().toString(), node.getStartLineNumber() + 1));
            } else if (node instanceof Image image) {
                links.add(new LinkRef(image.getUrl().toString(), node.getStartLineNumber() + 1));
            } else if (node instanceof Reference reference) {
                links.add(new LinkRef(reference.getUrl().toString(), node.getStartLineNumber() + 1));
            }
        }
        List<PageFile> pageFiles = PageFiles.ofBlocks(List.copyOf(fileBlocks.values()), errors);
        Path contentDir = site.siteDir().resolve(ContentLoader.CONTENT_DIR);
        demos.replaceAll((block, demo) -> PageFiles.withFiles(demo, pageFiles, contentDir, errors));
        String title = frontMatter.title() != null ? frontMatter.title()
                : heading != null ? heading : NavTree.titleFromPath(source.path());
        for (int i = 1; i <= demos.size(); i++) {
            anchors.add("demo-" + i);
        }
        return new Page(source, frontMatter, document, title, heading != null, demos, fileBlocks, links, anchors);
    }
}
