package dev.termpress.generator.theme;

import dev.termpress.generator.content.ContentLoader;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.SiteError;
import dev.termpress.generator.resources.ClasspathTree;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.DelegatingLoader;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The built-in theme with a site's overrides on top: a file at {@code SITE/theme/PATH} replaces the
 * built-in file at the same {@code PATH} ({@code templates/*.peb} or {@code static/*}).
 */
public final class Theme {

    /** Where the built-in theme lives on the classpath (module {@code themes}). */
    public static final String BUILTIN = "dev/termpress/themes/default/";
    /** A site's override directory. */
    public static final String SITE_THEME_DIR = "theme";
    /** Where theme assets land in the output. */
    public static final String ASSETS_DIR = "assets/";

    private static final String TEMPLATES = "templates/";
    private static final String STATIC = "static/";

    private final Path overrides;
    private final PebbleEngine engine;
    private final ClassLoader loader = Theme.class.getClassLoader();

    /** The theme for the site in {@code siteDir}. */
    public Theme(Path siteDir) {
        this.overrides = siteDir.resolve(SITE_THEME_DIR).toAbsolutePath();
        FileLoader files = new FileLoader();
        files.setPrefix(overrides.resolve(TEMPLATES).toString());
        ClasspathLoader builtIn = new ClasspathLoader(loader);
        builtIn.setPrefix(BUILTIN + TEMPLATES);
        this.engine = new PebbleEngine.Builder()
                .loader(new DelegatingLoader(List.of(files, builtIn)))
                .autoEscaping(true)
                .newLineTrimming(true)
                .build();
    }

    /** Renders {@code template} (a path below {@code templates/}) with {@code model}. */
    public String render(String template, Map<String, Object> model) throws BuildException {
        try {
            PebbleTemplate compiled = engine.getTemplate(template);
            StringWriter out = new StringWriter(16 * 1024);
            compiled.evaluate(out, model);
            return out.toString();
        } catch (PebbleException e) {
            String name = e.getFileName() == null ? template : e.getFileName();
            int line = e.getLineNumber() == null ? 0 : e.getLineNumber();
            throw new BuildException(new SiteError(templateFile(name), line, "template error: " + e.getPebbleMessage()));
        } catch (IOException e) {
            throw new BuildException(new SiteError(templateFile(template), 0, "cannot render: " + e.getMessage()));
        }
    }

    /** Theme assets: relative path below {@code static/} to whether the site overrides it. */
    public Map<String, Boolean> assets() throws BuildException {
        Map<String, Boolean> assets = new TreeMap<>();
        try {
            for (String path : ClasspathTree.list(loader, BUILTIN + "static")) {
                assets.put(path, false);
            }
            Path siteStatic = overrides.resolve(STATIC);
            if (Files.isDirectory(siteStatic)) {
                try (Stream<Path> walk = Files.walk(siteStatic)) {
                    walk.filter(Files::isRegularFile)
                            .forEach(p -> assets.put(ContentLoader.slashes(siteStatic.relativize(p)), true));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new BuildException(new SiteError(overrides, 0, "cannot list theme assets: " + e.getMessage()));
        }
        return assets;
    }

    /** Opens an asset listed by {@link #assets()}. */
    public InputStream openAsset(String path, boolean overridden) throws IOException {
        if (overridden) {
            return Files.newInputStream(overrides.resolve(STATIC).resolve(path));
        }
        InputStream in = loader.getResourceAsStream(BUILTIN + STATIC + path);
        if (in == null) {
            throw new IOException("missing built-in theme asset " + path);
        }
        return in;
    }

    private Path templateFile(String name) {
        Path override = overrides.resolve(TEMPLATES).resolve(name);
        return Files.exists(override) ? override : Path.of("(built-in theme)", TEMPLATES + name);
    }
}
