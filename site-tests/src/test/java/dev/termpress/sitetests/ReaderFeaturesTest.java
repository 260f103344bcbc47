package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What readers reach for on a docs site, in Chromium: search (by a word of a page's text and by a
 * demo block's command, from the keyboard, below the sub-path), page contents that follow the scroll,
 * highlighted code in both colour schemes, and callouts.
 */
class ReaderFeaturesTest {

    private static final Path BUSYBOX = ServedSite.examplesDir().resolve("images/busybox").toAbsolutePath().normalize();

    @RegisterExtension
    static final LiveSite live = new LiveSite(ReaderFeaturesTest::openSite);

    private static ServedSite openSite() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("termpress.yaml", "title: Reader features\nsnapshot: false\nimages:\n  busybox: " + BUSYBOX
                + "\nedit_url: https://example.org/edit/main/content/\n");
        files.put("content/index.md", "# Home\n\nStart with the [long page](long.md).\n");
        files.put("content/animals.md", """
                # Animals

                The capybara is the largest rodent.

                ```container image=busybox
                $ cowsay-helper --moo
                ```
                """);
        StringBuilder longPage = new StringBuilder("# Long page\n\n");
        for (String section : new String[] {"Alpha", "Bravo", "Charlie", "Delta"}) {
            longPage.append("## ").append(section).append(" section\n\n");
            for (int i = 0; i < 12; i++) {
                longPage.append("Filler paragraph ").append(i).append(" of ").append(section)
                        .append(", long enough to take some room on the page and push the next heading down.\n\n");
            }
        }
        longPage.append("""
                > [!WARNING]
                > Mind the gap.

                ```python
                def greet(name):
                    return "hi " + name  # a comment
                ```
                """);
        files.put("content/long.md", longPage.toString());
        return ServedSite.build(files);
    }

    @Test
    void searchFindsAPageByAWordOfItsTextFromTheKeyboard() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url("long/"));
            page.locator("body").press("/");
            Locator input = page.locator(".tp-search-input");
            assertThat(input.evaluate("el => document.activeElement === el")).isEqualTo(true);
            input.fill("capyb");
            Locator first = page.locator("#tp-search-result-0");
            first.waitFor();
            assertThat(first.locator(".tp-search-title").textContent()).isEqualTo("Animals");
            assertThat(first.locator(".tp-search-excerpt mark").first().textContent()).isEqualToIgnoringCase("capybara");
            assertThat(first.getAttribute("aria-selected")).isEqualTo("true");
            assertThat(input.getAttribute("aria-activedescendant")).isEqualTo("tp-search-result-0");

            input.press("Enter");
            page.waitForURL("**" + ServedSite.SUB_PATH + "animals/");
            assertThat(page.title()).startsWith("Animals");
            assertThat(errors.list()).isEmpty();
        }
    }

    @Test
    void theIndexIsFetchedOnlyOnceAPointerIsOverTheSearchButtonThenOpeningFindsAtOnce() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            java.util.List<String> fetched = new java.util.concurrent.CopyOnWriteArrayList<>();
            page.onRequest(request -> fetched.add(request.url()));
            page.navigate(live.site().url(""));
            page.waitForLoadState();
            assertThat(fetched).noneMatch(url -> url.contains("search-index"));
            page.waitForResponse(response -> response.url().contains("search-index"),
                    () -> page.locator(".tp-search-open").hover());
            page.waitForFunction("() => window.MiniSearch !== undefined");
            page.locator(".tp-search-open").click();
            page.locator(".tp-search-input").fill("capyb");
            page.locator("#tp-search-result-0").waitFor();
            assertThat(page.locator("#tp-search-result-0 .tp-search-title").textContent()).isEqualTo("Animals");
            assertThat(fetched.stream().filter(url -> url.contains("search-index"))).hasSize(1);
            assertThat(errors.list()).isEmpty();
        }
    }

    @Test
    void searchFindsADemoCommandAndCtrlKOpensEscapeCloses() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            page.keyboard().press("Control+k");
            Locator dialog = page.locator("dialog.tp-search");
            assertThat(dialog.evaluate("d => d.open")).isEqualTo(true);
            Locator input = page.locator(".tp-search-input");
            input.fill("cowsay");
            page.locator("#tp-search-result-0").waitFor();
            assertThat(page.locator("#tp-search-result-0 .tp-search-excerpt").textContent())
                    .isEqualTo("$ cowsay-helper --moo");
            assertThat(page.locator("#tp-search-result-0 a").getAttribute("href")).isEqualTo("animals/");

            input.fill("zzzqqq");
            page.locator(".tp-search-status").filter(new Locator.FilterOptions().setHasText("No pages match")).waitFor();
            input.press("Escape");
            assertThat(dialog.evaluate("d => d.open")).isEqualTo(false);
            assertThat(page.locator(".tp-search-open").evaluate("el => document.activeElement === el")).isEqualTo(true);
            assertThat(errors.list()).isEmpty();
        }
    }

    @Test
    void contentsFollowTheScroll() {
        try (BrowserContext context = live.chromium().browser().newContext(
                new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1400, 800))) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url("long/"));
            Locator toc = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("On this page"));
            assertThat(toc.isVisible()).isTrue();
            Locator current = toc.locator("a[aria-current]");
            assertThat(current.textContent()).isEqualTo("Alpha section");

            page.locator("#charlie-section").evaluate("h => h.scrollIntoView()");
            page.waitForFunction("() => document.querySelector('.tp-toc a[aria-current]').textContent === 'Charlie section'");
            assertThat(toc.locator("a[aria-current]").count()).isEqualTo(1);

            page.locator("#bravo-section").evaluate("h => h.scrollIntoView()");
            page.waitForFunction("() => document.querySelector('.tp-toc a[aria-current]').textContent === 'Bravo section'");

            page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)");
            page.waitForFunction("() => document.querySelector('.tp-toc a[aria-current]').textContent === 'Delta section'");
            assertThat(page.locator(".tp-edit a").getAttribute("href"))
                    .isEqualTo("https://example.org/edit/main/content/long.md");
            assertThat(errors.list()).isEmpty();
        }
    }

    @Test
    void highlightedCodeAndCalloutsHaveColoursInBothSchemes() throws Exception {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url("long/"));
            Locator keyword = page.locator("pre.tp-code .hl-keyword").first();
            Locator comment = page.locator("pre.tp-code .hl-comment").first();
            assertThat(keyword.textContent()).isEqualTo("def");
            Locator callout = page.getByRole(AriaRole.NOTE);
            assertThat(callout.locator(".tp-callout-title").textContent()).isEqualTo("Warning");
            assertThat(callout.textContent()).contains("Mind the gap.").doesNotContain("[!WARNING]");

            String plain = color(page.locator("pre.tp-code code"));
            String lightKeyword = color(keyword);
            String lightComment = color(comment);
            String lightBorder = (String) callout.evaluate("el => getComputedStyle(el).borderLeftColor");
            assertThat(lightKeyword).isNotEqualTo(plain).isNotEqualTo(lightComment);
            screenshot(page, "reader-light");

            page.locator(".tp-theme-toggle").click();
            assertThat(page.locator("html").getAttribute("data-theme")).isEqualTo("dark");
            String darkKeyword = color(keyword);
            assertThat(darkKeyword).isNotEqualTo(lightKeyword).isNotEqualTo(color(page.locator("pre.tp-code code")));
            assertThat(color(comment)).isNotEqualTo(lightComment);
            assertThat(callout.evaluate("el => getComputedStyle(el).borderLeftColor")).isNotEqualTo(lightBorder);
            screenshot(page, "reader-dark");
            assertThat(errors.list()).isEmpty();
        }
    }

    private static String color(Locator element) {
        return (String) element.evaluate("el => getComputedStyle(el).color");
    }

    private static void screenshot(Page page, String name) {
        Path dir = Path.of(System.getProperty("termpress.artifacts", "target/site-test-artifacts"));
        page.locator(".tp-callout").scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")));
    }
}
