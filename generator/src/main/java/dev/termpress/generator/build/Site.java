package dev.termpress.generator.build;

import dev.termpress.generator.config.SiteConfig;
import dev.termpress.generator.content.Page;
import dev.termpress.generator.content.SourceFile;
import dev.termpress.generator.nav.NavTree;
import dev.termpress.generator.theme.Theme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The state one build passes from step to step; each step fills in its part. */
public final class Site {

    final BuildOptions options;
    final Progress progress;
    /** The temporary output directory being written. */
    final Path staging;

    SiteConfig config;
    Theme theme;
    List<SourceFile> sources = List.of();
    /** Files below content/ that are not Markdown, copied as they are. */
    List<String> contentAssets = List.of();
    /** Files below static/, copied to the output root. */
    List<String> staticFiles = List.of();
    /** Theme assets (below assets/ in the output) and whether the site overrides each. */
    Map<String, Boolean> themeAssets = Map.of();

    /** Every parsed page, drafts left out of the build included, in source order. */
    final List<Page> parsed = new ArrayList<>();
    final List<Page> pages = new ArrayList<>();
    final Set<String> drafts = new TreeSet<>();
    NavTree nav;

    /** Image name to descriptor path relative to the output root. */
    final Map<String, String> imageDescriptors = new HashMap<>();
    int blobsWritten;
    long imageBytes;

    /** Each page's search document (JSON without its id), for the next incremental build. */
    final Map<Page, String> searchDocuments = new java.util.IdentityHashMap<>();

    /** The search index's path below the output root, or {@code null} when the site has no search. */
    String searchIndex;

    /** The render step's shared sidebars (null when it rendered each page's), for the next incremental build. */
    dev.termpress.generator.theme.SharedSidebar sidebars;

    /** Rendered files: output path to content, in write order. */
    final Map<String, String> rendered = new LinkedHashMap<>();
    long bytesWritten;

    /** Whether the rendered pages stay in {@link #rendered} for a merge into the previous output, not in staging. */
    final boolean pagesMergedLater;

    Site(BuildOptions options, Progress progress, Path staging) {
        this(options, progress, staging, false);
    }

    Site(BuildOptions options, Progress progress, Path staging, boolean pagesMergedLater) {
        this.options = options;
        this.progress = progress;
        this.staging = staging;
        this.pagesMergedLater = pagesMergedLater;
    }

    Path siteDir() {
        return options.siteDir();
    }
}
