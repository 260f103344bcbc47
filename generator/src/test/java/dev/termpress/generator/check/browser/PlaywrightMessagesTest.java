package dev.termpress.generator.check.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Playwright's messages as they arrive, cut to one line that says something. */
class PlaywrightMessagesTest {

    /** What Playwright 1.62 threw when the "Chromium" was /bin/true (the launch flags shortened). */
    private static final String LAUNCH_FAILURE = """
            Error {
              message='Target page, context or browser has been closed
            Browser logs:

            <launching> /bin/true --disable-field-trial-config --headless --remote-debugging-pipe
            <launched> pid=21345
              name='TargetClosedError
              stack='TargetClosedError: Target page, context or browser has been closed
                at DispatcherConnection.dispatch (/tmp/playwright-java-1/package/lib/coreBundle.js:18786:19)
            }
            Call log:
            -   - <launched> pid=21345
            -   - [pid=21345] <process did exit: exitCode=0, signal=null>
            -   - [pid=21345] finished temporary directories cleanup
            """;

    @Test
    void aDriverDumpGivesItsMessageAndHowTheBrowserEnded() {
        assertThat(PlaywrightMessages.summary(LAUNCH_FAILURE)).isEqualTo("Target page, context or browser has been"
                + " closed (the browser process ended: exitCode=0, signal=null)");
    }

    @Test
    void aPlainMessageGivesItsFirstLine() {
        assertThat(PlaywrightMessages.summary("Timeout 30000ms exceeded.\n=== logs ===")).isEqualTo("Timeout 30000ms exceeded.");
        assertThat(PlaywrightMessages.summary(null)).isEqualTo("no message");
    }
}
