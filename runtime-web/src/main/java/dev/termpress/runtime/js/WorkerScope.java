package dev.termpress.runtime.js;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/** The dedicated worker's global scope: messages to and from the page, timers, randomness. */
public final class WorkerScope {

    private WorkerScope() {
    }

    /** Routes every message the page posts to {@code handler}. */
    @JSBody(params = "handler", script = "self.onmessage = function(e) { handler(e.data); };")
    public static native void onMessage(MessageHandler handler);

    /** A monotonic clock in milliseconds. */
    @JSBody(script = "return performance.now();")
    public static native double now();

    /**
     * A port whose messages call {@code callback}: posting to it yields to the event loop without the
     * clamping Chromium applies to nested {@code setTimeout(0)} (DESIGN §4).
     */
    @JSBody(params = "callback", script = "const c = new MessageChannel();"
            + "c.port1.onmessage = function() { callback(); };"
            + "return c.port2;")
    public static native JSObject yieldPort(JsCallback callback);

    /** Posts to a port made by {@link #yieldPort}. */
    @JSBody(params = "port", script = "port.postMessage(0);")
    public static native void post(JSObject port);

    @JSBody(params = { "callback", "millis" }, script = "return setTimeout(function() { callback(); }, millis);")
    public static native int setTimeout(JsCallback callback, double millis);

    @JSBody(params = "id", script = "clearTimeout(id);")
    public static native void clearTimeout(int id);

    /** {@code length} bytes from the browser's cryptographic random generator. */
    @JSBody(params = "length", script = "return crypto.getRandomValues(new Int8Array(length));")
    public static native Int8Array randomBytes(int length);

    /** Sends guest output to the page, handing over the buffer. */
    @JSBody(params = "bytes", script = "self.postMessage({ type: 'output', data: bytes }, [bytes.buffer]);")
    public static native void postOutput(Int8Array bytes);

    /** Tells the page what the worker is doing: {@code phase} is downloading, booting or running. */
    @JSBody(params = { "phase", "done", "total" },
            script = "self.postMessage({ type: 'status', phase: phase, done: done, total: total });")
    public static native void postStatus(String phase, double done, double total);

    /** How the machine started: {@code snapshot} (resumed from the image's boot snapshot) or {@code cold}. */
    @JSBody(params = "how", script = "self.postMessage({ type: 'boot', how: how });")
    public static native void postBoot(String how);

    /**
     * A prewarmed machine waits for its block's settings: {@code snapshot} (resumed) or {@code cold} (built, its
     * kernel fetched, booting at the start message).
     */
    @JSBody(params = "how", script = "self.postMessage({ type: 'prewarmed', how: how });")
    public static native void postPrewarmed(String how);

    /** One line for the reader's terminal that is not guest output (a boot snapshot not used, and why). */
    /** The reader's files to keep ({@code SavedWork} bytes), transferred: the page stores them in IndexedDB. */
    @JSBody(params = "bytes", script = "self.postMessage({ type: 'savedWork', data: bytes }, [bytes.buffer]);")
    public static native void postSavedWork(Int8Array bytes);

    /** Whether the saved work the page sent came back into the machine. */
    @JSBody(params = "restored", script = "self.postMessage({ type: 'restored', restored: restored });")
    public static native void postRestored(boolean restored);

    @JSBody(params = "text", script = "self.postMessage({ type: 'notice', text: text });")
    public static native void postNotice(String text);

    @JSBody(params = "message", script = "self.postMessage({ type: 'error', message: message });")
    public static native void postError(String message);

    @JSBody(params = "code", script = "self.postMessage({ type: 'exit', code: code });")
    public static native void postExit(int code);

    /** Ends the worker. */
    @JSBody(script = "self.close();")
    public static native void close();

    /** A readable description of a rejection value or thrown JavaScript object. */
    @JSBody(params = "error", script = "return error && error.message ? String(error.message) : String(error);")
    public static native String describe(JSObject error);

    /** {@code relative} resolved against {@code base}, as an absolute URL. */
    @JSBody(params = { "relative", "base" }, script = "return new URL(relative, base).href;")
    public static native String resolve(String relative, String base);
}
