package dev.termpress.generator.build;

import dev.termpress.generator.diag.BuildException;

/** One step of the pipeline; {@link SiteBuilder} runs them in order and times each. */
interface BuildStep {

    /** A short name for timings ("parse"). */
    String name();

    /** Does the step's work on {@code site}. */
    void run(Site site) throws BuildException;
}
