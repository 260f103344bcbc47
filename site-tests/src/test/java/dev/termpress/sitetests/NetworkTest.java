package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The guest's network in Chromium (issue 16): a {@code network=true} block's busybox {@code wget} reaches the
 * page's own host by {@code host.termpress.internal} (same origin), a local server on another port that sends
 * CORS headers (cross origin), and gets a clear 502 and a notice line, promptly, from one that sends none.
 */
class NetworkTest {

    private static final Path BUSYBOX = ServedSite.examplesDir().resolve("images/busybox").toAbsolutePath().normalize();
    static final String TITLE = "The guest on the network";

    @RegisterExtension
    static final LiveSite live = new LiveSite(NetworkTest::openSite);
    private static GuestHttpServer server;

    static ServedSite openSite() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("termpress.yaml", "title: Network\nimages:\n  busybox: " + BUSYBOX + "\n");
        files.put("content/index.md", "# " + TITLE + "\n\n"
                + "```container image=busybox workdir=/root autorun=false network=true\n$ wget -q -O - http://example.com/\n```\n");
        return ServedSite.build(files);
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = new GuestHttpServer();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void wgetReachesThePagesOwnHostAndACorsServer() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            ConsoleErrors errors = ConsoleErrors.watch(page);
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            assertThat(demo.figure().getAttribute("data-network")).isEqualTo("true");
            demo.runToPrompt();

            int sitePort = Integer.parseInt(live.site().url("").replaceAll("^http://[^:]+:(\\d+)/.*$", "$1"));
            // Each command fits one terminal row (LiveDemo.command finds it by its echo).
            assertThat(demo.command("wget -qO- http://host.termpress.internal:" + sitePort + ServedSite.SUB_PATH
                    + " | grep -c guest")).as("same origin: the page's own HTML").containsPattern("(?m)^[1-9][0-9]*$");
            assertThat(demo.command("wget -q -O - http://host.termpress.internal:" + server.port() + "/cors/hello"))
                    .as("cross origin, with CORS headers").contains(GuestHttpServer.HELLO);
            assertThat(demo.command("wget -q -O - http://10.0.2.2:" + server.port() + "/cors/bytes?100000 | wc -c"))
                    .as("by the gateway's address, a body in many pieces").contains("100000");
            assertThat(errors.list()).isEmpty();
        }
    }

    @Test
    void aServerWithoutCorsHeadersGivesA502AndANoticeNotAHang() {
        try (BrowserContext context = live.chromium().browser().newContext()) {
            Page page = context.newPage();
            page.navigate(live.site().url(""));
            LiveDemo demo = new LiveDemo(page, 0);
            demo.runToPrompt();

            String out = demo.command("wget -O - http://host.termpress.internal:" + server.port()
                    + "/plain/hello; echo status=$?");
            assertThat(out).contains("502 Bad Gateway").contains("status=1")
                    .doesNotContain("this server sends no CORS headers");
            assertThat(demo.text().replace("\n", "")).as("rows joined: the line wraps").contains("termpress: the guest's HTTP request to host.termpress.internal:"
                    + server.port() + " failed: the browser could not fetch");
            assertThat(demo.command("nc -w 5 example.com 22 </dev/null; echo nc=$?"))
                    .as("a port that is not HTTP is refused at once").contains("nc=1");
            assertThat(demo.command("echo still-$((40+2))")).contains("still-42");
        }
    }
}
