package dev.termpress.generator.cli;

import dev.termpress.generator.build.StagedOutput;
import dev.termpress.generator.diag.BuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code termpress clean}: deletes the output directory and leftovers of interrupted builds. */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = "Delete the output directory (only if termpress wrote it).")
final class CleanCommand implements Callable<Integer> {

    @Mixin
    SiteArgs site;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path out = site.outputDir();
        try {
            StagedOutput.checkReplaceable(out);
        } catch (BuildException e) {
            return Terminal.report(e, spec.commandLine().getErr());
        }
        if (!Files.isDirectory(out.getParent())) {
            spec.commandLine().getOut().println("Nothing to clean: " + out.getParent() + " does not exist");
            return ExitCodes.OK;
        }
        boolean existed = Files.exists(out);
        StagedOutput.deleteTree(out);
        List<Path> leftovers;
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            String prefix = "." + out.getFileName() + ".";
            leftovers = siblings.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> Files.exists(p.resolve(StagedOutput.MARKER)))
                    .toList();
        }
        for (Path leftover : leftovers) {
            StagedOutput.deleteTree(leftover);
        }
        spec.commandLine().getOut().println((existed ? "Removed " : "Nothing to remove at ") + out);
        return ExitCodes.OK;
    }
}
