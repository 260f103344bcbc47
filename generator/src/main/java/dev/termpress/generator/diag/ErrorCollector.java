package dev.termpress.generator.diag;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Gathers problems so that one build reports all of them at once rather than the first only. */
public final class ErrorCollector {

    private final List<SiteError> errors = new ArrayList<>();

    /** Records a problem at {@code file:line}. */
    public void add(Path file, int line, String message) {
        errors.add(new SiteError(file, line, message));
    }

    /** Records the problems of a failed sub-step. */
    public void addAll(BuildException e) {
        errors.addAll(e.errors());
    }

    /** Records everything another collector gathered. */
    public void addAll(ErrorCollector other) {
        errors.addAll(other.errors);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws if anything was recorded. */
    public void throwIfAny() throws BuildException {
        if (!errors.isEmpty()) {
            throw new BuildException(errors);
        }
    }
}
