package dev.termpress.sitetests;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a browser test class shares between its tests: a built site served on localhost and one
 * Chromium. Register it with {@code @RegisterExtension static final LiveSite live = new LiveSite(...)}.
 */
final class LiveSite implements BeforeAllCallback, AfterAllCallback {

    /** Builds and serves the site the class tests (may skip the class with an assumption). */
    interface SiteOpener {
        ServedSite open() throws Exception;
    }

    private final SiteOpener opener;
    private ServedSite site;
    private Chromium chromium;

    LiveSite(SiteOpener opener) {
        this.opener = opener;
    }

    ServedSite site() {
        return site;
    }

    Chromium chromium() {
        return chromium;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // The site first: its opener may skip the class before a browser is started for nothing.
        site = opener.open();
        chromium = Chromium.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (site != null) {
            site.close();
            site = null;
        }
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }
}
