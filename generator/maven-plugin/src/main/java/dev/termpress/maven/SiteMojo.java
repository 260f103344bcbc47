package dev.termpress.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What every goal shares: the site folder, drafts, how registry images are pulled, and the skip switch. */
abstract class SiteMojo extends AbstractMojo {

    /** The site: the folder with {@code termpress.yaml} and {@code content/}. */
    @Parameter(property = "termpress.siteDirectory", defaultValue = "${project.basedir}/src/site-termpress", required = true)
    File siteDirectory;

    /** Include pages marked {@code draft: true}. */
    @Parameter(property = "termpress.drafts", defaultValue = "false")
    boolean drafts;

    /**
     * Use no network for registry images: they come from {@code termpress.lock} and the blob cache
     * ({@code --offline}). Default: Maven's own offline mode ({@code mvn -o}).
     */
    @Parameter(property = "termpress.offline", defaultValue = "${settings.offline}")
    boolean offline;

    /** Resolve the tags of registry images again and pin the result in {@code termpress.lock} ({@code --update-images}). */
    @Parameter(property = "termpress.updateImages", defaultValue = "false")
    boolean updateImages;

    /** Skip this goal (for all termpress goals: {@code -Dtermpress.skip}). */
    @Parameter(property = "termpress.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("termpress: skipped (termpress.skip)");
            return;
        }
        if (!new File(siteDirectory, "termpress.yaml").isFile()) {
            throw new MojoExecutionException("no termpress site in " + siteDirectory
                    + " (no termpress.yaml); set <siteDirectory> or create one with termpress init");
        }
        List<String> args = new ArrayList<>();
        args.add(verb());
        args.add(siteDirectory.getAbsolutePath());
        if (drafts) {
            args.add("--drafts");
        }
        if (offline) {
            args.add("--offline");
        }
        if (updateImages) {
            args.add("--update-images");
        }
        addOptions(args);
        TermpressCli.run(getLog(), args);
    }

    /** The termpress command this goal runs. */
    abstract String verb();

    /** The goal's own command-line options. */
    abstract void addOptions(List<String> args);
}
