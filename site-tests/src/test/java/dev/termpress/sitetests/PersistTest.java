package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Saved work in Chromium (issue 15 item 6): a {@code persist=true} block keeps the reader's files in IndexedDB
 * across a reload, Reset forgets them, and a browser that refuses IndexedDB, a full quota or a damaged stored record give one
 * line in a terminal that still works.
 */
class PersistTest {

    private static final Path BUSYBOX = ServedSite.examplesDir().resolve("images/busybox").toAbsolutePath().normalize();
    private static final double SAVE_TIMEOUT_MILLIS = 45_000;

    @RegisterExtension
    static final LiveSite live = new LiveSite(PersistTest::openSite);

    private static ServedSite openSite() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("termpress.yaml", "title: Saved work\nimages:\n  busybox: " + BUSYBOX + "\n");
        files.put("content/index.md", """
                # Your files stay

                ```container image=busybox workdir=/root autorun=false persist=true
                $ cat /root/note
                ```
                """);
        return ServedSite.build(files);
    }

    @Test
    void theReadersFilesSurviveAReload() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            LiveDemo demo = writeNoteAndWaitForTheSave(page);

            page.reload();
            demo = new LiveDemo(page, 0);
            demo.runToPrompt();
            assertThat(demo.command("cat /root/note")).contains("hi");
            assertThat(demo.figure().getAttribute("data-restored")).isEqualTo("true");
            assertThat(demo.figure().locator(".tp-saved-note").textContent())
                    .startsWith("Restored your files from").contains("Reset");
            assertThat(errors.list()).isEmpty();
        }
    }

    @Test
    void resetForgetsTheSavedFiles() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            page.navigate(live.site().url(""));
            writeNoteAndWaitForTheSave(page);
            page.reload();
            LiveDemo demo = new LiveDemo(page, 0);
            demo.runToPrompt();
            assertThat(demo.command("cat /root/note")).contains("hi");

            demo.press("reset");
            demo.figure().locator(".xterm-rows").waitFor();
            demo.waitFor(LiveDemo.PROMPT, LiveDemo.BOOT_TIMEOUT_MILLIS);
            assertThat(demo.command("cat /root/note")).contains("No such file");
            assertThat(demo.figure().locator(".tp-saved-note").count()).isZero();

            page.reload();
            demo = new LiveDemo(page, 0);
            demo.runToPrompt();
            assertThat(demo.command("cat /root/note")).contains("No such file");
            assertThat(demo.figure().locator(".tp-saved-note").count()).as("nothing was restored").isZero();
        }
    }

    @Test
    void aBrowserThatRefusesIndexedDbGivesANoticeAndAWorkingTerminal() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            context.addInitScript("IDBFactory.prototype.open = function () {"
                    + " throw new DOMException('refused for this test', 'InvalidStateError'); };");
            Page page = context.newPage();
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            demo.runToPrompt();
            assertThat(demo.text()).contains("your files will not be kept").contains("refused for this test");
            assertThat(demo.command("echo works-$((6*7))")).contains("works-42");
            assertThat(occurrences(demo.text(), "will not be kept")).as("one line, no retries").isEqualTo(1);
        }
    }

    @Test
    void aFullQuotaGivesANoticeAndAWorkingTerminal() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            // A full quota as the browser reports it: the write's transaction aborts with a QuotaExceededError.
            context.addInitScript("""
                    const put = IDBObjectStore.prototype.put;
                    IDBObjectStore.prototype.put = function (value, key) {
                      const request = put.call(this, value, key);
                      Object.defineProperty(this.transaction, 'error',
                          { value: new DOMException('quota full for this test', 'QuotaExceededError') });
                      this.transaction.abort();
                      return request;
                    };""");
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            demo.runToPrompt();
            assertThat(demo.command("echo hi > /root/note; echo written")).contains("written");
            demo.waitFor(Pattern.compile("will not be kept"), SAVE_TIMEOUT_MILLIS);
            // The notice is wider than the terminal: compare without the spaces and line breaks of its wrapping.
            assertThat(demo.text().replaceAll("\\s", ""))
                    .contains("yourfileswillnotbekept:storingthemfailed:thebrowser'sstoragequotaisfull");
            assertThat(demo.command("echo works-$((6*7))")).contains("works-42");
            assertThat(demo.figure().getAttribute("data-saved-at")).as("nothing was stored").isNull();
            assertThat(occurrences(demo.text(), "will not be kept")).as("one line, no retries").isEqualTo(1);
            assertThat(errors.list()).isEmpty();
        }
    }

    @Test
    void aDamagedRecordIsReportedAndTheTerminalStartsPristine() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            page.navigate(live.site().url(""));
            // What the page would store for this block, with bytes that are not saved work.
            page.evaluate("""
                    async () => {
                      const figure = document.querySelector('figure.tp-demo');
                      const image = await (await fetch(new URL(figure.dataset.image, document.baseURI))).json();
                      const key = location.pathname + '#' + figure.id + '@' + image.snapshot.digest.replace(/^sha256:/, '');
                      const db = await new Promise((resolve, reject) => {
                        const request = indexedDB.open('termpress', 1);
                        request.onupgradeneeded = () => request.result.createObjectStore('work');
                        request.onsuccess = () => resolve(request.result);
                        request.onerror = () => reject(request.error);
                      });
                      const garbage = new TextEncoder().encode('TPWORK\\r\\n this is not what was saved').buffer;
                      await new Promise((resolve, reject) => {
                        const tx = db.transaction('work', 'readwrite');
                        tx.objectStore('work').put({ bytes: garbage, savedAt: Date.now() }, key);
                        tx.oncomplete = resolve;
                        tx.onerror = () => reject(tx.error);
                      });
                      db.close();
                    }""");
            page.reload();
            LiveDemo demo = new LiveDemo(page, 0);
            demo.runToPrompt();
            assertThat(demo.text()).contains("could not be restored").contains("pristine");
            assertThat(demo.figure().getAttribute("data-restored")).isEqualTo("false");
            assertThat(demo.command("cat /root/note")).contains("No such file");
            assertThat(demo.command("echo works-$((6*7))")).contains("works-42");
        }
    }

    /** Runs the block, writes /root/note and waits until the page has stored the saved work that has it. */
    private static LiveDemo writeNoteAndWaitForTheSave(Page page) {
        LiveDemo demo = new LiveDemo(page, 0);
        demo.runToPrompt();
        double typedAt = ((Number) page.evaluate("Date.now()")).doubleValue();
        assertThat(demo.command("echo hi > /root/note; echo written")).contains("written");
        page.waitForFunction("([f, t]) => Number(f.getAttribute('data-saved-at') || 0) > t",
                List.of(demo.figure().elementHandle(), typedAt),
                new Page.WaitForFunctionOptions().setTimeout(SAVE_TIMEOUT_MILLIS).setPollingInterval(200));
        return demo;
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
