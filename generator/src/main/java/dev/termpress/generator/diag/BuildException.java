package dev.termpress.generator.diag;

import java.util.List;
import java.util.stream.Collectors;

/** A build that cannot finish because of the input; carries every problem found so far. */
public class BuildException extends Exception {

    private final List<SiteError> errors;

    public BuildException(List<SiteError> errors) {
        super(errors.stream().map(SiteError::format).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public BuildException(SiteError error) {
        this(List.of(error));
    }

    /** The problems, in the order they were found. */
    public List<SiteError> errors() {
        return errors;
    }
}
