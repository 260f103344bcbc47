package dev.termpress.runtime.net;

import dev.termpress.runtime.js.JsCallback;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * {@link Fetcher} over the worker's {@code fetch}: CORS mode, no credentials (the reader's cookies for a site
 * never go with the guest's requests), no HTTP cache, redirects followed. The body is read with the
 * response stream's reader, one {@code read()} per {@link Fetcher.Exchange#read}.
 */
public final class BrowserFetcher implements Fetcher {

    @Override
    public Exchange fetch(FetchRequest request, Listener listener) {
        StringBuilder headers = new StringBuilder();
        for (HttpHeader header : request.headers()) {
            headers.append(header.name()).append(": ").append(header.value()).append('\n');
        }
        JSObject handle = start(request.url(), request.method(), headers.toString(),
                request.body() == null ? null : Int8Array.copyFromJavaArray(request.body()),
                (status, statusText, lines, exactLength) ->
                        listener.response(status, statusText, parse(lines), (long) exactLength),
                listener::failed);
        return new Exchange() {
            @Override
            public void read() {
                BrowserFetcher.read(handle, data -> listener.chunk(data.copyToJavaArray()), listener::end,
                        listener::failed);
            }

            @Override
            public void cancel() {
                BrowserFetcher.cancel(handle);
            }
        };
    }

    private static List<HttpHeader> parse(String lines) {
        List<HttpHeader> headers = new ArrayList<>();
        for (String line : lines.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                headers.add(new HttpHeader(line.substring(0, colon), line.substring(colon + 2)));
            }
        }
        return headers;
    }

    @JSFunctor
    interface ResponseCallback extends JSObject {
        void response(int status, String statusText, String headers, double exactLength);
    }

    @JSFunctor
    interface ChunkCallback extends JSObject {
        void chunk(Int8Array data);
    }

    @JSFunctor
    interface FailureCallback extends JSObject {
        void failed(String reason);
    }

    /**
     * Starts the fetch; returns its handle. The length is exact only for a same-origin response without a content
     * coding: elsewhere the browser may hide Content-Encoding, and Content-Length would then count encoded bytes.
     */
    @JSBody(params = { "url", "method", "headerLines", "body", "onResponse", "onFailure" }, script = ""
            + "const handle = { controller: new AbortController(), reader: null, cancelled: false };"
            + "const why = e => String(e && e.name || 'Error') + ': ' + String(e && e.message || e);"
            + "const init = { method: method, headers: new Headers(), redirect: 'follow', credentials: 'omit',"
            + "  cache: 'no-store', mode: 'cors', signal: handle.controller.signal };"
            + "try {"
            + "  for (const line of headerLines.split('\\n')) {"
            + "    const colon = line.indexOf(': ');"
            + "    if (colon > 0) init.headers.append(line.substring(0, colon), line.substring(colon + 2));"
            + "  }"
            + "} catch (e) { Promise.resolve().then(() => onFailure(why(e))); return handle; }"
            + "if (body != null) init.body = body;"
            + "fetch(url, init).then(r => {"
            + "  if (handle.cancelled) return;"
            + "  handle.reader = r.body ? r.body.getReader() : null;"
            + "  let lines = '';"
            + "  r.headers.forEach((value, name) => { lines += name + ': ' + value + '\\n'; });"
            + "  const length = r.headers.get('content-length');"
            + "  const exact = r.type === 'basic' && !r.headers.has('content-encoding') && length !== null"
            + "      && /^[0-9]+$/.test(length) ? Number(length) : -1;"
            + "  onResponse(r.status, r.statusText, lines, exact);"
            + "}, e => { if (!handle.cancelled) onFailure(why(e)); });"
            + "return handle;")
    private static native JSObject start(String url, String method, String headerLines, Int8Array body,
            ResponseCallback onResponse, FailureCallback onFailure);

    @JSBody(params = { "handle", "onChunk", "onEnd", "onFailure" }, script = ""
            + "const why = e => String(e && e.name || 'Error') + ': ' + String(e && e.message || e);"
            + "if (handle.reader === null) { Promise.resolve().then(() => { if (!handle.cancelled) onEnd(); }); return; }"
            + "handle.reader.read().then(step => {"
            + "  if (handle.cancelled) return;"
            + "  if (step.done) onEnd();"
            + "  else onChunk(new Int8Array(step.value.buffer, step.value.byteOffset, step.value.byteLength));"
            + "}, e => { if (!handle.cancelled) onFailure(why(e)); });")
    private static native void read(JSObject handle, ChunkCallback onChunk, JsCallback onEnd,
            FailureCallback onFailure);

    @JSBody(params = "handle", script = ""
            + "handle.cancelled = true;"
            + "handle.controller.abort();"
            + "if (handle.reader !== null) handle.reader.cancel().catch(() => {});")
    private static native void cancel(JSObject handle);

    /** The worker's origin, which is the page's: what {@code host.termpress.internal} stands for. */
    public static PageOrigin pageOrigin() {
        String protocol = locationProtocol();
        return new PageOrigin(protocol.endsWith(":") ? protocol.substring(0, protocol.length() - 1) : protocol,
                locationHostname());
    }

    @JSBody(script = "return self.location.protocol;")
    private static native String locationProtocol();

    @JSBody(script = "const h = self.location.hostname; return h.indexOf(':') >= 0 && h[0] !== '[' ? '[' + h + ']' : h;")
    private static native String locationHostname();
}
