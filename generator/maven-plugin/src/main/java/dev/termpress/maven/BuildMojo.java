package dev.termpress.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Renders the site into {@code outputDirectory}, as {@code termpress build}. */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public final class BuildMojo extends SiteMojo {

    /** Where the static site goes. */
    @Parameter(property = "termpress.outputDirectory", defaultValue = "${project.build.directory}/termpress", required = true)
    File outputDirectory;

    /** The URL the site is published at (absolute links, sitemap); default: the site's {@code base_url}. */
    @Parameter(property = "termpress.baseUrl")
    String baseUrl;

    @Override
    String verb() {
        return "build";
    }

    @Override
    void addOptions(List<String> args) {
        args.add("--out");
        args.add(outputDirectory.getAbsolutePath());
        if (baseUrl != null && !baseUrl.isBlank()) {
            args.add("--base-url");
            args.add(baseUrl);
        }
    }
}
