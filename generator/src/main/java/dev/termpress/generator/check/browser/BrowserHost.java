package dev.termpress.generator.check.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import dev.termpress.generator.build.SiteReader.Demo;
import dev.termpress.generator.check.DemoHost;
import dev.termpress.generator.check.DemoShell;
import dev.termpress.generator.check.NoShellException;
import dev.termpress.generator.check.ShellPrompt;
import dev.termpress.generator.markdown.DemoBlock;

/**
 * Runs each demo block in its built page in Chromium: the page is opened once for all its blocks,
 * every block gets a fresh machine (Run), as it does for a reader, and Stop frees it afterwards.
 */
final class BrowserHost implements DemoHost {

    /**
     * Before Run: the block's commands are typed by the check, not by autorun, and {@code PS1} is the
     * marker, as the JVM check sets it, so a shell that honours it is found at once.
     */
    private static final String PREPARE = """
            (f, marker) => {
              f.setAttribute('data-autorun', 'false');
              const env = JSON.parse(f.getAttribute('data-env') || '{}');
              env.PS1 = marker;
              f.setAttribute('data-env', JSON.stringify(env));
            }""";

    private final Page page;
    private final PageProblems problems;
    private final String siteUrl;
    private String pageUrl;
    private int boots;

    /**
     * @param page the browser tab to use
     * @param siteUrl the served site's root URL, ending in a slash
     */
    BrowserHost(Page page, String siteUrl) {
        this.page = page;
        this.problems = new PageProblems(page);
        this.siteUrl = siteUrl;
    }

    @Override
    public DemoShell open(Demo demo) throws NoShellException {
        String url = siteUrl + demo.page().url();
        String id = figureId(demo);
        try {
            if (!url.equals(pageUrl)) {
                pageUrl = null;
                problems.clear();
                page.navigate(url);
                pageUrl = url;
            }
            Locator figure = page.locator("figure.tp-demo#" + id);
            if (figure.count() == 0) {
                throw new NoShellException("the built page " + url + " has no demo block #" + id);
            }
            if (figure.getAttribute("data-state") == null) {
                // The runtime marks every block idle as it starts; the page has loaded, so it never will.
                throw new NoShellException("the page's runtime did not start, so Run does nothing on " + url
                        + problems.describe());
            }
            figure.evaluate(PREPARE, ShellPrompt.MARKER);
            figure.locator(".tp-run").click();
            boots++;
            BrowserShell shell = new BrowserShell(page, figure, problems);
            try {
                shell.start();
            } catch (NoShellException e) {
                shell.stop();
                throw e;
            }
            return shell;
        } catch (PlaywrightException e) {
            pageUrl = null; // the tab is in an unknown state: load the page afresh for the next block
            throw new NoShellException("Chromium failed on " + url + "#" + id + ": " + PlaywrightMessages.summary(e.getMessage()));
        }
    }

    @Override
    public void release(Demo demo, DemoShell shell, boolean healthy) {
        try {
            ((BrowserShell) shell).stop();
        } catch (PlaywrightException e) {
            pageUrl = null;
        }
    }

    @Override
    public int boots() {
        return boots;
    }

    /** The id the generator gives the block's figure: {@code demo-N}, N counting the page's blocks from 1 in document order. */
    static String figureId(Demo demo) {
        int line = demo.block().line();
        long before = demo.page().demos().values().stream().mapToInt(DemoBlock::line).filter(other -> other < line).count();
        return "demo-" + (before + 1);
    }
}
