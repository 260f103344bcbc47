package dev.termpress.generator.check;

/** A guest shell at its prompt, as a {@link DemoHost} hands it out: type a command, get what it printed. */
public interface DemoShell {

    /**
     * Types one command (continuation lines included) and returns its output as plain text, or
     * {@code null} when the shell did not come back to its prompt.
     */
    String run(String command);

    /** Why the last {@link #run} returned {@code null}, one sentence for the report. */
    String failure();

    /** What the shell printed after its last prompt, once {@link #run} returned {@code null}. */
    String pendingOutput();
}
