package dev.termpress.generator.build;

import dev.termpress.generator.content.ContentLoader;
import dev.termpress.generator.content.Page;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.diag.SiteError;
import dev.termpress.generator.theme.Theme;
import dev.termpress.runtime.RuntimeAssets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes rendered pages and copies content assets, static files, theme assets and the browser runtime into the
 * staging directory.
 */
final class WriteStep implements BuildStep {

    /** The browser runtime, once per site with demo blocks (content-hashed names: cacheable forever). */
    static final String RUNTIME_DIR = Theme.ASSETS_DIR + RuntimeAssets.DIRECTORY;

    @Override
    public String name() {
        return "write";
    }

    @Override
    public void run(Site site) throws BuildException {
        checkOwners(site);
        Map<String, byte[]> runtime = hasDemos(site) ? RuntimeAssets.get().files() : Map.of();
        try {
            List<Map.Entry<String, String>> files = List.copyOf(site.rendered.entrySet());
            AtomicLong bytes = new AtomicLong();
            AtomicInteger written = new AtomicInteger();
            // File creation is mostly waiting on the file system: overlap it. Pages merged into a previous output
            // later are only counted here.
            files.parallelStream().forEach(file -> {
                byte[] data = file.getValue().getBytes(StandardCharsets.UTF_8);
                try {
                    if (!site.pagesMergedLater) {
                        Files.write(target(site, file.getKey()), data);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                bytes.addAndGet(data.length);
                if (written.incrementAndGet() % 100 == 0) {
                    site.progress.update("wrote " + written.get() + " pages");
                }
            });
            site.bytesWritten += bytes.get();
            for (String asset : site.contentAssets) {
                copy(site, site.siteDir().resolve(ContentLoader.CONTENT_DIR).resolve(asset), asset);
            }
            for (String file : site.staticFiles) {
                copy(site, site.siteDir().resolve(LoadStep.STATIC_DIR).resolve(file), file);
            }
            for (Map.Entry<String, Boolean> asset : site.themeAssets.entrySet()) {
                try (InputStream in = site.theme.openAsset(asset.getKey(), asset.getValue())) {
                    site.bytesWritten += Files.copy(in, target(site, Theme.ASSETS_DIR + asset.getKey()));
                }
            }
            for (Map.Entry<String, byte[]> file : runtime.entrySet()) {
                Files.write(target(site, RUNTIME_DIR + file.getKey()), file.getValue());
                site.bytesWritten += file.getValue().length;
            }
            writePageFiles(site);
            site.progress.update("wrote " + files.size() + " pages, " + megabytes(site) + " MB");
        } catch (IOException | UncheckedIOException e) {
            throw new BuildException(new SiteError(site.staging, 0, "cannot write output: " + e.getMessage()));
        }
    }

    /** Fails when two sources (a page, a content asset, a static file, a theme or runtime file) claim one output path. */
    static void checkOwners(Site site) throws BuildException {
        Map<String, Path> owners = new HashMap<>();
        ErrorCollector errors = new ErrorCollector();
        site.rendered.keySet().forEach(path -> owners.put(path, null));
        site.themeAssets.keySet().forEach(asset -> owners.put(Theme.ASSETS_DIR + asset, null));
        if (hasDemos(site)) {
            RuntimeAssets.get().files().keySet().forEach(file -> owners.put(RUNTIME_DIR + file, null));
        }
        claim(owners, site.contentAssets, site.siteDir().resolve(ContentLoader.CONTENT_DIR), errors);
        claim(owners, site.staticFiles, site.siteDir().resolve(LoadStep.STATIC_DIR), errors);
        errors.throwIfAny();
    }

    /** The page files' blobs: output path (content-named) to bytes, in path order. */
    static Map<String, byte[]> pageBlobs(Site site) {
        Map<String, byte[]> blobs = new TreeMap<>();
        for (Page page : site.pages) {
            page.fileBlocks().values().forEach(block -> blobs.put(block.file().blobPath(), block.file().content()));
            page.demos().values().forEach(demo -> demo.files().forEach(file -> blobs.put(file.blobPath(), file.content())));
        }
        return blobs;
    }

    /**
     * Every page file as a blob named by its sha256 beside the image blobs: the file blocks' Download links and
     * the browser runtime fetch them there (content-named, so cached forever; one copy per content).
     */
    private static void writePageFiles(Site site) throws IOException {
        Map<String, byte[]> blobs = pageBlobs(site);
        for (Map.Entry<String, byte[]> blob : blobs.entrySet()) {
            Path target = target(site, blob.getKey());
            if (!Files.exists(target)) { // an image blob of the same content is the same bytes
                Files.write(target, blob.getValue());
                site.bytesWritten += blob.getValue().length;
            }
        }
    }

    static boolean hasDemos(Site site) {
        return site.pages.stream().anyMatch(page -> !page.demos().isEmpty());
    }

    /** Reports a file that two sources would write to the same output path. */
    private static void claim(Map<String, Path> owners, Iterable<String> files, Path dir, ErrorCollector errors) {
        for (String file : files) {
            if (owners.containsKey(file)) {
                Path other = owners.get(file);
                errors.add(dir.resolve(file), 0, "would overwrite " + (other == null ? "a generated file" : other)
                        + " at " + file + " in the output (rename or remove one of them)");
            } else {
                owners.put(file, dir.resolve(file));
            }
        }
    }

    private static void copy(Site site, Path source, String relative) throws IOException {
        Path target = target(site, relative);
        Files.copy(source, target);
        site.bytesWritten += Files.size(target);
    }

    private static Path target(Site site, String relative) throws IOException {
        Path target = site.staging.resolve(relative);
        Files.createDirectories(target.getParent());
        return target;
    }

    private static String megabytes(Site site) {
        return String.format("%.1f", (site.bytesWritten + site.imageBytes) / 1e6);
    }
}
