package dev.termpress.generator.check;

import dev.termpress.generator.build.SiteReader.Demo;
import java.util.List;

/**
 * {@code termpress check}: runs demo blocks like doctests on the JVM emulator with the
 * deterministic clock ({@link Doctest} on a {@link JvmHost}).
 */
public final class DemoChecker {

    private final CheckProgress progress;

    public DemoChecker(CheckProgress progress) {
        this.progress = progress;
    }

    /** Checks every block, in order. */
    public CheckReport check(List<Demo> demos) {
        return new Doctest(new JvmHost(), progress).check(demos);
    }
}
