package dev.termpress.generator.build;

import dev.termpress.generator.config.SiteConfig;
import dev.termpress.generator.config.SiteConfigLoader;
import dev.termpress.generator.content.ContentLoader;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.SiteError;
import dev.termpress.generator.registry.RegistryImages;
import dev.termpress.generator.theme.Theme;
import dev.termpress.generator.content.SourceFile;
import dev.termpress.generator.diag.ErrorCollector;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Reads {@code termpress.yaml} (pulling its registry images), the Markdown files, and lists static files and theme assets. */
final class LoadStep implements BuildStep {

    /** Files below this site directory are copied to the output root as they are. */
    static final String STATIC_DIR = "static";

    private final ContentLoader.TextReader reader;
    private final Theme earlierTheme;
    private final Map<String, Boolean> earlierThemeAssets;

    LoadStep() {
        this(ContentLoader::readText);
    }

    /** @param reader reads a page's text (an incremental build skips the unchanged ones) */
    LoadStep(ContentLoader.TextReader reader) {
        this(reader, null, null);
    }

    /**
     * @param theme an earlier build's theme, reused (with its compiled templates) when the theme files are
     *     unchanged, or {@code null} to open the theme
     * @param themeAssets that theme's assets
     */
    LoadStep(ContentLoader.TextReader reader, Theme theme, Map<String, Boolean> themeAssets) {
        this.reader = reader;
        this.earlierTheme = theme;
        this.earlierThemeAssets = themeAssets;
    }

    @Override
    public String name() {
        return "load";
    }

    /**
     * What an earlier build loaded, for an update whose only changes are edits of known pages
     * ({@link SourceChanges#onlyEdits}): its settings, listings and texts are taken as they were and only the
     * {@code edited} pages are read again, so no folder is walked.
     */
    record Earlier(SiteConfig config, List<SourceFile> sources, List<String> contentAssets, List<String> staticFiles,
            Set<Path> edited) {}

    /** Loads from {@code earlier} instead of the site's folders (see {@link Earlier}). */
    static void runFrom(Earlier earlier, Site site, ContentLoader.TextReader reader, Theme theme,
            Map<String, Boolean> themeAssets) throws BuildException {
        ErrorCollector errors = new ErrorCollector();
        List<SourceFile> sources = new ArrayList<>(earlier.sources().size());
        for (SourceFile source : earlier.sources()) {
            if (!earlier.edited().contains(source.file())) {
                sources.add(source);
                continue;
            }
            try {
                sources.add(new SourceFile(source.file(), source.path(), reader.read(source.file())));
            } catch (CharacterCodingException e) {
                errors.add(source.file(), 0, "not valid UTF-8 text (save the file as UTF-8)");
            } catch (IOException e) {
                errors.add(source.file(), 0, "cannot read: " + e.getMessage());
            }
        }
        errors.throwIfAny();
        site.config = earlier.config();
        site.sources = List.copyOf(sources);
        site.contentAssets = earlier.contentAssets();
        site.staticFiles = earlier.staticFiles();
        site.theme = theme;
        site.themeAssets = themeAssets;
        site.progress.update("loaded " + earlier.edited().size() + " edited pages");
    }

    @Override
    public void run(Site site) throws BuildException {
        SiteConfig config = SiteConfigLoader.load(site.siteDir());
        // Registry images become cached OCI layouts here, so every later step reads them like local ones.
        config = new RegistryImages(site.options.pull(), site.progress::update).resolve(config, site.siteDir());
        if (site.options.baseUrl() != null) {
            config = config.withBaseUrl(site.options.baseUrl());
        }
        site.config = config;
        ContentLoader.Content content = ContentLoader.load(site.siteDir(), reader);
        site.sources = content.markdown();
        site.contentAssets = content.assets();
        site.staticFiles = listStatic(site.siteDir().resolve(STATIC_DIR));
        if (earlierTheme != null) {
            site.theme = earlierTheme;
            site.themeAssets = earlierThemeAssets;
        } else {
            site.theme = new Theme(site.siteDir());
            site.themeAssets = site.theme.assets();
        }
        site.progress.update("loaded " + site.sources.size() + " pages");
    }

    private static List<String> listStatic(Path dir) throws BuildException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> ContentLoader.slashes(dir.relativize(p))).sorted().toList();
        } catch (IOException e) {
            throw new BuildException(new SiteError(dir, 0, "cannot list: " + e.getMessage()));
        }
    }
}
