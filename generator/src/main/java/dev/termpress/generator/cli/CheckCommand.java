package dev.termpress.generator.cli;

import dev.termpress.generator.build.SiteReader;
import dev.termpress.generator.check.CheckProgress;
import dev.termpress.generator.check.CheckReport;
import dev.termpress.generator.check.DemoChecker;
import dev.termpress.generator.check.Mismatch;
import dev.termpress.generator.check.browser.BrowserCheckException;
import dev.termpress.generator.check.browser.BrowserChecker;
import dev.termpress.generator.check.browser.ChromiumLocator;
import dev.termpress.generator.check.browser.PlaywrightJars;
import dev.termpress.generator.diag.BuildException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.termpress.generator.registry.PullSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code termpress check}: runs every demo block on the JVM emulator, or in Chromium, and compares the output. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Boot each demo block's image on the built-in RISC-V emulator (deterministic clock), type its"
                + " commands and compare what they print with the expected lines.",
                "With --browser, build the site into a temporary folder, serve it on localhost and do the same in each"
                        + " built page in a headless Chromium, pressing Run and typing as a reader does.",
                "Lines are compared whitespace-normalised; '...' in an expected line matches any text, and a line"
                        + " that is only '...' matches any number of lines. Exit status 1 on any mismatch."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "The site directory (holds termpress.yaml). Default: the current directory.")
    Path dir;

    @Option(names = "--drafts", description = "Also check pages marked draft: true.")
    boolean drafts;

    @Option(names = "--browser", description = "Run the blocks in the built pages in Chromium (through Playwright),"
            + " as readers see them.")
    boolean browser;

    @Option(names = "--chromium", paramLabel = "PATH", description = "The Chromium for --browser. Default: $"
            + ChromiumLocator.ENV + " when set, else /usr/bin/chromium.")
    Path chromium;

    @Mixin
    ImageOptions images;

    /** The process environment; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (chromium != null && !browser) {
            throw new ParameterException(spec.commandLine(), "--chromium is for --browser; add --browser or drop it");
        }
        Path siteDir = dir.toAbsolutePath().normalize();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PullSettings pull = images.settings(environment, err);
        SiteReader.SiteContent site;
        try {
            site = SiteReader.read(siteDir, drafts, pull);
        } catch (BuildException e) {
            return Terminal.report(e, err);
        }
        boolean live = Terminal.interactive();
        CheckProgress progress = live ? (index, total, demo) -> {
            err.print("\r\033[K" + "checking " + (index + 1) + "/" + total + " " + siteDir.relativize(
                    demo.block().file().toAbsolutePath().normalize()) + ":" + demo.block().line());
            err.flush();
        } : CheckProgress.QUIET;
        CheckReport report;
        if (browser) {
            Path executable = ChromiumLocator.resolve(chromium, environment);
            String missing = ChromiumLocator.problem(executable);
            if (missing == null) {
                missing = PlaywrightJars.problem(CheckCommand.class.getClassLoader());
            }
            if (missing != null) {
                err.println("error: " + missing);
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
            if (live) {
                err.print("building the site and starting Chromium…");
                err.flush();
            }
            try {
                // BrowserChecker is loaded here only, so a jar without Playwright runs every other check.
                report = new BrowserChecker(Publishers.standard(), executable, progress)
                        .check(siteDir, drafts, pull.forRebuild(), site.demos());
            } catch (BuildException e) {
                clearLine(live, err);
                return Terminal.report(e, err);
            } catch (BrowserCheckException e) {
                clearLine(live, err);
                err.println("error: " + e.getMessage());
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
        } else {
            report = new DemoChecker(progress).check(site.demos());
        }
        clearLine(live, err);
        for (Mismatch mismatch : report.mismatches()) {
            err.println(mismatch.format(siteDir));
        }
        err.flush();
        out.println(report.summary());
        out.flush();
        return report.passed() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    private static void clearLine(boolean live, PrintWriter err) {
        if (live) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
