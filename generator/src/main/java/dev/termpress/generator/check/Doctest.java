package dev.termpress.generator.check;

import dev.termpress.generator.build.SiteReader.Demo;
import dev.termpress.generator.markdown.DemoBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The doctest both {@code termpress check} and {@code termpress check --browser} run: for each
 * demo block with commands, get a shell from the host, type the commands in order and compare what
 * each prints with the block ({@link OutputMatcher}). A command that never returns to the prompt
 * ends its block, since the rest would run in an unknown state.
 */
public final class Doctest {

    private final DemoHost host;
    private final CheckProgress progress;

    public Doctest(DemoHost host, CheckProgress progress) {
        this.host = host;
        this.progress = progress;
    }

    /** Checks every block, in order. */
    public CheckReport check(List<Demo> demos) {
        long start = System.nanoTime();
        List<Mismatch> mismatches = new ArrayList<>();
        int blocks = 0;
        int commands = 0;
        for (int i = 0; i < demos.size(); i++) {
            Demo demo = demos.get(i);
            if (demo.block().steps().isEmpty()) {
                continue; // a plain terminal: nothing to compare
            }
            progress.block(i, demos.size(), demo);
            blocks++;
            commands += demo.block().steps().size();
            mismatches.addAll(checkBlock(demo));
        }
        return new CheckReport(blocks, commands, host.boots(), mismatches, (System.nanoTime() - start) / 1_000_000L);
    }

    private List<Mismatch> checkBlock(Demo demo) {
        DemoBlock block = demo.block();
        List<Mismatch> found = new ArrayList<>();
        DemoShell shell;
        try {
            shell = host.open(demo);
        } catch (NoShellException e) {
            found.add(whole(block, e.getMessage()));
            return found;
        }
        boolean healthy = true;
        for (DemoBlock.Step step : block.steps()) {
            String actual = shell.run(step.command());
            if (actual == null) {
                found.add(new Mismatch(block.file(), step.line(), step.command(), step.output(),
                        shell.pendingOutput(), shell.failure()));
                healthy = false;
                break;
            }
            if (!OutputMatcher.matches(step.output(), actual)) {
                found.add(new Mismatch(block.file(), step.line(), step.command(), step.output(), actual, null));
            }
        }
        host.release(demo, shell, healthy);
        return found;
    }

    /** A problem with the whole block, reported at its opening fence against its first command. */
    private static Mismatch whole(DemoBlock block, String problem) {
        DemoBlock.Step first = block.steps().get(0);
        return new Mismatch(block.file(), block.line(), first.command(), first.output(), null, problem);
    }
}
