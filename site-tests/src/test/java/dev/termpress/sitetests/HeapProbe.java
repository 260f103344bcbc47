package dev.termpress.sitetests;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JavaScript heap of a page and of its dedicated workers, read through the DevTools protocol after a
 * forced garbage collection, so what is measured is what the page keeps, not what it has not freed yet.
 *
 * <p>Playwright opens CDP sessions on pages only, so a worker is reached through a browser-level session:
 * {@code Target.attachToTarget} without flattening, then each command wrapped in
 * {@code Target.sendMessageToTarget} and its answer read from {@code Target.receivedMessageFromTarget}.
 */
final class HeapProbe implements AutoCloseable {

    private static final long ANSWER_SECONDS = 30;

    /** One reading: bytes used on the page's heap, summed over the workers' heaps, and how many workers. */
    record Heap(long pageBytes, long workerBytes, int workers) {
    }

    private final Page page;
    private final CDPSession pageSession;
    private final CDPSession browserSession;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();

    HeapProbe(Page page, Browser browser) {
        this.page = page;
        this.pageSession = page.context().newCDPSession(page);
        this.browserSession = browser.newBrowserCDPSession();
        browserSession.on("Target.receivedMessageFromTarget", event -> {
            JsonObject message = JsonParser.parseString(event.get("message").getAsString()).getAsJsonObject();
            if (message.has("id")) {
                CompletableFuture<JsonObject> answer = waiting.remove(message.get("id").getAsInt());
                if (answer != null) {
                    answer.complete(message);
                }
            }
        });
    }

    /** Collects garbage everywhere, then reads each heap's used bytes. */
    Heap read() {
        pageSession.send("HeapProfiler.collectGarbage");
        long page = pageSession.send("Runtime.getHeapUsage").get("usedSize").getAsLong();
        long workers = 0;
        List<String> ids = workerTargets();
        for (String targetId : ids) {
            workers += workerHeap(targetId);
        }
        return new Heap(page, workers, ids.size());
    }

    private List<String> workerTargets() {
        JsonObject targets = browserSession.send("Target.getTargets");
        List<String> ids = new ArrayList<>();
        targets.getAsJsonArray("targetInfos").forEach(info -> {
            JsonObject target = info.getAsJsonObject();
            if (target.get("type").getAsString().equals("worker")) {
                ids.add(target.get("targetId").getAsString());
            }
        });
        return ids;
    }

    private long workerHeap(String targetId) {
        JsonObject attach = new JsonObject();
        attach.addProperty("targetId", targetId);
        attach.addProperty("flatten", false);
        String sessionId;
        try {
            sessionId = browserSession.send("Target.attachToTarget", attach).get("sessionId").getAsString();
        } catch (RuntimeException gone) {
            return 0; // the worker ended between listing and attaching (a Reset)
        }
        try {
            call(sessionId, "HeapProfiler.collectGarbage");
            JsonObject usage = call(sessionId, "Runtime.getHeapUsage");
            return usage == null ? 0 : usage.getAsJsonObject("result").get("usedSize").getAsLong();
        } finally {
            JsonObject detach = new JsonObject();
            detach.addProperty("sessionId", sessionId);
            try {
                browserSession.send("Target.detachFromTarget", detach);
            } catch (RuntimeException alreadyGone) {
                // the worker ended meanwhile; nothing to detach
            }
        }
    }

    /** One command inside a worker's session; null when the worker ended before answering. */
    private JsonObject call(String sessionId, String method) {
        int id = nextId.getAndIncrement();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        JsonObject command = new JsonObject();
        command.addProperty("id", id);
        command.addProperty("method", method);
        command.add("params", new JsonObject());
        JsonObject send = new JsonObject();
        send.addProperty("sessionId", sessionId);
        send.addProperty("message", command.toString());
        try {
            browserSession.send("Target.sendMessageToTarget", send);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_SECONDS);
            // Playwright delivers events only while the calling thread waits inside Playwright, so wait there.
            while (!answer.isDone() && System.nanoTime() < deadline) {
                page.waitForTimeout(10);
            }
            JsonObject message = answer.getNow(null);
            if (message != null && message.has("error")) {
                throw new IllegalStateException(method + " in a worker: " + message.get("error"));
            }
            return message;
        } catch (RuntimeException gone) {
            if (gone instanceof IllegalStateException) {
                throw gone;
            }
            return null;
        } finally {
            waiting.remove(id);
        }
    }

    @Override
    public void close() {
        pageSession.detach();
        browserSession.detach();
    }
}
