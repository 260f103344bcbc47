package dev.termpress.generator.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Tells open pages to reload after a rebuild, through Server-Sent Events; the script that listens
 * is injected into HTML responses by the dev server only, never written into the site.
 */
public final class LiveReload implements HttpHandler {

    /** The event stream's path. */
    public static final String PATH = "/__termpress/livereload";
    /** Injected before {@code </body>}: reload on "reload", show the build error on "failed". */
    public static final String SCRIPT = "<script>(function(){var s=new EventSource(\"" + PATH + "\");"
            + "s.addEventListener(\"reload\",function(){location.reload()});"
            + "s.addEventListener(\"failed\",function(e){var d=document.getElementById(\"tp-build-error\")"
            + "||document.body.appendChild(document.createElement(\"pre\"));d.id=\"tp-build-error\";"
            + "d.style.cssText=\"position:fixed;left:0;right:0;bottom:0;margin:0;padding:1em;background:#8b0000;"
            + "color:#fff;z-index:99;white-space:pre-wrap\";d.textContent=\"termpress build failed:\\n\"+e.data})"
            + "})();</script>";

    /** Keeps idle connections alive and detects readers that went away. */
    private static final long PING_SECONDS = 15;
    private static final String STOP = "";

    private final CopyOnWriteArrayList<BlockingQueue<String>> clients = new CopyOnWriteArrayList<>();

    /** Makes every connected page reload. */
    public void reload() {
        broadcast("event: reload\ndata: now\n\n");
    }

    /** Shows a failed build's message on every connected page. */
    public void failed(String message) {
        StringBuilder event = new StringBuilder("event: failed\n");
        for (String line : message.split("\n", -1)) {
            event.append("data: ").append(line).append('\n');
        }
        broadcast(event.append('\n').toString());
    }

    /** Ends every open stream (the server is stopping). */
    public void closeAll() {
        broadcast(STOP);
    }

    /** Number of pages listening, for tests. */
    public int listeners() {
        return clients.size();
    }

    private void broadcast(String event) {
        for (BlockingQueue<String> client : clients) {
            client.offer(event);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        clients.add(queue);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                String event = queue.poll(PING_SECONDS, TimeUnit.SECONDS);
                if (STOP.equals(event)) {
                    return;
                }
                out.write((event == null ? ": ping\n\n" : event).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The page went away; nothing to tell anyone.
        } finally {
            clients.remove(queue);
            exchange.close();
        }
    }
}
