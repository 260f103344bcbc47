package dev.termpress.generator.cli;

import dev.termpress.generator.build.SiteReader;
import dev.termpress.generator.check.CheckProgress;
import dev.termpress.generator.check.CheckReport;
import dev.termpress.generator.check.DemoChecker;
import dev.termpress.generator.check.Mismatch;
import dev.termpress.generator.diag.BuildException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code termpress check}: runs every demo block on the JVM emulator and compares the output. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Boot each demo block's image on the built-in RISC-V emulator (deterministic clock), type its"
                + " commands and compare what they print with the expected lines.",
                "Lines are compared whitespace-normalised; '...' in an expected line matches any text, and a line"
                        + " that is only '...' matches any number of lines. Exit status 1 on any mismatch."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "The site directory (holds termpress.yaml). Default: the current directory.")
    Path dir;

    @Option(names = "--drafts", description = "Also check pages marked draft: true.")
    boolean drafts;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path siteDir = dir.toAbsolutePath().normalize();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SiteReader.SiteContent site;
        try {
            site = SiteReader.read(siteDir, drafts);
        } catch (BuildException e) {
            return Terminal.report(e, err);
        }
        boolean live = Terminal.interactive();
        CheckProgress progress = live ? (index, total, demo) -> {
            err.print("\r\033[K" + "checking " + (index + 1) + "/" + total + " " + siteDir.relativize(
                    demo.block().file().toAbsolutePath().normalize()) + ":" + demo.block().line());
            err.flush();
        } : CheckProgress.QUIET;
        CheckReport report = new DemoChecker(progress).check(site.demos());
        if (live) {
            err.print("\r\033[K");
            err.flush();
        }
        for (Mismatch mismatch : report.mismatches()) {
            err.println(mismatch.format(siteDir));
        }
        err.flush();
        out.println(report.summary());
        out.flush();
        return report.passed() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
