package dev.termpress.generator.build;

import java.io.PrintStream;

/** Where a build reports how far it is; a terminal shows it, CI logs stay quiet. */
public interface Progress {

    /** Reports the current state in a few words, e.g. "rendered 12/40 pages"; may be called from several threads. */
    void update(String status);

    /** Clears whatever {@link #update} left on screen. */
    void done();

    /** A progress that shows nothing. */
    Progress QUIET = new Progress() {
        @Override
        public void update(String status) {}

        @Override
        public void done() {}
    };

    /** A progress that rewrites one terminal line. */
    static Progress terminal(PrintStream out) {
        return new Progress() {
            private int width;

            @Override
            public synchronized void update(String status) {
                String padded = status.length() < width ? status + " ".repeat(width - status.length()) : status;
                width = status.length();
                out.print("\r" + padded);
                out.flush();
            }

            @Override
            public synchronized void done() {
                if (width > 0) {
                    out.print("\r" + " ".repeat(width) + "\r");
                    out.flush();
                    width = 0;
                }
            }
        };
    }
}
