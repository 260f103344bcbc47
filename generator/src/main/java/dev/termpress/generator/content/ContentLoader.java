package dev.termpress.generator.content;

import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.diag.SiteError;
import dev.termpress.generator.links.SitePaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Finds and reads a site's Markdown files and the other files that sit beside them. */
public final class ContentLoader {

    /** The content directory's name inside a site. */
    public static final String CONTENT_DIR = "content";

    private ContentLoader() {}

    /** What {@code content/} holds. */
    public record Content(List<SourceFile> markdown, List<String> assets) {}

    /** How a page's text is read; {@link #readText} unless a caller keeps texts it read before. */
    @FunctionalInterface
    public interface TextReader {
        String read(Path file) throws IOException;
    }

    /** Reads every {@code .md} file below {@code siteDir/content} and lists the other files there. */
    public static Content load(Path siteDir) throws BuildException {
        return load(siteDir, ContentLoader::readText);
    }

    /** As {@link #load(Path)}, reading each page with {@code reader}. */
    public static Content load(Path siteDir, TextReader reader) throws BuildException {
        Path contentDir = siteDir.resolve(CONTENT_DIR);
        if (!Files.isDirectory(contentDir)) {
            throw new BuildException(new SiteError(contentDir, 0, "missing: a site keeps its pages in content/*.md"));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(contentDir)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !isHidden(contentDir.relativize(p))).sorted().toList();
        } catch (IOException e) {
            throw new BuildException(new SiteError(contentDir, 0, "cannot list: " + e.getMessage()));
        }
        ErrorCollector errors = new ErrorCollector();
        List<SourceFile> markdown = new ArrayList<>();
        List<String> assets = new ArrayList<>();
        for (Path file : files) {
            String relative = slashes(contentDir.relativize(file));
            if (!relative.endsWith(".md")) {
                assets.add(relative);
                continue;
            }
            try {
                markdown.add(new SourceFile(file, relative, reader.read(file)));
            } catch (CharacterCodingException e) {
                errors.add(file, 0, "not valid UTF-8 text (save the file as UTF-8)");
            } catch (IOException e) {
                errors.add(file, 0, "cannot read: " + e.getMessage());
            }
        }
        checkDistinctPages(markdown, errors);
        errors.throwIfAny();
        if (markdown.isEmpty()) {
            throw new BuildException(new SiteError(contentDir, 0, "no pages: add at least content/index.md"));
        }
        return new Content(markdown, assets);
    }

    /**
     * Reports pages that would be written to the same output file ({@code guide.md} and {@code guide/index.md}
     * both become {@code guide/index.html}): otherwise one silently replaces the other.
     */
    private static void checkDistinctPages(List<SourceFile> markdown, ErrorCollector errors) {
        Map<String, SourceFile> byUrl = new HashMap<>();
        for (SourceFile page : markdown) {
            String url = SitePaths.pageUrl(page.path());
            SourceFile other = byUrl.putIfAbsent(url, page);
            if (other != null) {
                errors.add(page.file(), 0, "is the same page as " + other.path() + ": both are written to "
                        + url + "index.html (rename or remove one of them)");
            }
        }
    }

    /** A relative path with {@code /} separators whatever the platform. */
    public static String slashes(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** A page's text: UTF-8 (anything else is a {@link CharacterCodingException}), CRLF read as LF. */
    public static String readText(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        return text.replace("\r\n", "\n");
    }
}
