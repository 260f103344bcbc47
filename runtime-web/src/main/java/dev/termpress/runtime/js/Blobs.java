package dev.termpress.runtime.js;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSBoolean;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.ArrayBuffer;

/**
 * Getting bytes into the worker: the hand-written {@code fetch} binding (TeaVM has none), the Cache API
 * keyed by digest, SubtleCrypto and DecompressionStream.
 */
public final class Blobs {

    /**
     * JavaScript shared by the fetch bindings. {@code download(url, init, what)}: {@code fetch} whose network
     * failure or HTTP error status names what was asked for. {@code sha256Hex(bytes, hasher)}: a promise of the lowercase hex
     * digest, from SubtleCrypto where the page has it (secure contexts) and from the Java {@link Hasher}
     * elsewhere, so a plain-http site still checks every byte it uses. {@code checker(size, expectedHex,
     * hasher, what, source)}: a check of size (none when negative) and digest, whose errors say what
     * {@code source} expected. {@code readBody(response, what, limit, source, progress)}: the body, refused
     * once it grows past {@code limit}. {@code cachedVerified(path, check, progress, fetchBody)}: the bytes
     * kept under {@code path} in the Cache API if they still pass {@code check}, else {@code fetchBody()}'s
     * checked and then kept there.
     */
    private static final String FETCH_JS = ""
            + "const failure = function(message, reason) { const e = new Error(message); e.reason = reason; return e; };"
            + "const download = async function(url, init, what) {"
            + "  let response;"
            + "  try { response = await fetch(url, init); }"
            + "  catch (e) { throw failure('cannot download ' + what + ': ' + (e && e.message || e), 'network error'); }"
            + "  if (!response.ok) {"
            + "    throw failure('cannot download ' + what + ': HTTP ' + response.status + ' ' + response.statusText,"
            + "        'HTTP ' + response.status);"
            + "  }"
            + "  return response;"
            + "};"
            + "const sha256Hex = async function(bytes, hasher) {"
            + "  if (self.crypto && self.crypto.subtle) {"
            + "    const hash = new Uint8Array(await self.crypto.subtle.digest('SHA-256', bytes));"
            + "    return Array.from(hash, b => b.toString(16).padStart(2, '0')).join('');"
            + "  }"
            + "  return hasher(bytes);"
            + "};"
            + "const checker = function(size, expectedHex, hasher, what, source) {"
            + "  return async function(bytes) {"
            + "    if (size >= 0 && bytes.byteLength !== size) {"
            + "      throw failure(what + ' has ' + bytes.byteLength + ' bytes, ' + source + ' says ' + size,"
            + "          (bytes.byteLength < size ? 'truncated: ' : 'size mismatch: ') + bytes.byteLength + ' of ' + size + ' bytes');"
            + "    }"
            + "    const hex = await sha256Hex(bytes, hasher);"
            + "    if (hex !== expectedHex) {"
            + "      throw failure(what + ' is corrupt: its sha256 is ' + hex + ', ' + source + ' says ' + expectedHex,"
            + "          'sha256 mismatch');"
            + "    }"
            + "    return bytes;"
            + "  };"
            + "};"
            + "const readBody = async function(response, what, limit, source, progress) {"
            + "  const reader = response.body.getReader();"
            + "  const parts = [];"
            + "  let received = 0;"
            + "  for (;;) {"
            + "    const part = await reader.read();"
            + "    if (part.done) break;"
            + "    received += part.value.length;"
            + "    if (limit >= 0 && received > limit) {"
            + "      reader.cancel().catch(() => undefined);"
            + "      throw failure(what + ' is larger than the ' + limit + ' bytes ' + source + ' says',"
            + "          'larger than the ' + limit + ' bytes ' + source + ' says');"
            + "    }"
            + "    parts.push(part.value);"
            + "    progress(received);"
            + "  }"
            + "  const bytes = new Uint8Array(received);"
            + "  let at = 0;"
            + "  for (const part of parts) { bytes.set(part, at); at += part.length; }"
            + "  return bytes.buffer;"
            + "};"
            // What termpress-worker.js fetched while the module compiled (null: fetch it now).
            + "const early = async function(url) {"
            + "  const body = self.termpressEarly ? self.termpressEarly.take(url) : undefined;"
            + "  return body ? await body : null;"
            + "};"
            + "const cachedVerified = async function(path, check, progress, fetchBody) {"
            + "  const key = new URL(path, self.location.href).href;"
            + "  const cache = self.caches ? await self.caches.open('termpress-blobs-v1').catch(() => null) : null;"
            + "  if (cache) {"
            + "    const hit = await cache.match(key).catch(() => null);"
            + "    if (hit) {"
            + "      const bytes = await hit.arrayBuffer();"
            + "      try { const ok = await check(bytes); progress(bytes.byteLength); return ok; }"
            + "      catch (e) { await cache.delete(key).catch(() => false); }" // damaged: fetched again below
            + "    }"
            + "  }"
            + "  const verified = await check(await fetchBody());"
            + "  if (cache) {"
            + "    await cache.put(key, new Response(verified.slice(0))).catch(() => undefined);"
            + "  }"
            + "  return verified;"
            + "};";

    /** The size to pass to {@link #fetchVerified} when the descriptor gives none (only the digest is checked). */
    public static final double UNKNOWN_SIZE = -1;

    private Blobs() {
    }

    /**
     * Fetches {@code url} and checks that it is {@code size} bytes (any size for {@link #UNKNOWN_SIZE})
     * whose sha256 is {@code sha256Hex}; the verified bytes are kept in the Cache API under the digest, and
     * a later call for the same digest (from any page of the site, any image) is answered from there.
     * Rejects with a message that names the URL. Where SubtleCrypto is missing (a page served over plain
     * http from another host) {@code hasher} computes the digest instead.
     */
    @JSBody(params = { "url", "expectedHex", "size", "progress", "hasher" }, script = FETCH_JS
            + "const source = 'the image descriptor';"
            + "return cachedVerified('/__termpress/blobs/sha256/' + expectedHex,"
            + "  checker(size, expectedHex, hasher, url, source), progress, async function() {"
            + "    const prefetched = await early(url);"
            + "    if (prefetched) { progress(prefetched.byteLength); return prefetched; }"
            + "    const response = await download(url, undefined, url);"
            + "    return readBody(response, url, size, source, progress);"
            + "  });")
    public static native JSPromise<ArrayBuffer> fetchVerified(String url, String sha256Hex, double size,
            ProgressListener progress, Hasher hasher);

    /**
     * Fetches bytes {@code [first, end)} of {@code url} with an HTTP Range request and checks that their
     * sha256 is {@code sha256Hex} (from the verified layer index); verified spans are kept in the Cache API
     * under their digest. Rejects with an error for which {@link #isNoRange} holds when the host answers
     * with the whole file (no Range support) or another range, so the caller can fetch the whole blob.
     */
    @JSBody(params = { "url", "first", "end", "expectedHex", "progress", "hasher" }, script = FETCH_JS
            + "const range = first + '-' + (end - 1);"
            + "const what = 'the range ' + range + ' of ' + url;"
            + "const source = 'the layer index';"
            + "return cachedVerified('/__termpress/spans/sha256/' + expectedHex,"
            + "  checker(end - first, expectedHex, hasher, what, source), progress, async function() {"
            + "    const response = await download(url, { headers: { Range: 'bytes=' + range } }, what);"
            + "    const served = response.headers.get('Content-Range');"
            // A missing Content-Range (not exposed cross-origin) is let through: the digest still decides.
            + "    if (response.status === 200 || response.status === 206 && served !== null"
            + "        && !served.startsWith('bytes ' + range + '/')) {"
            + "      if (response.body) response.body.cancel().catch(() => undefined);"
            + "      const e = new Error(url + ' was not served as the byte range ' + range + ' (HTTP '"
            + "          + response.status + (served === null ? '' : ', ' + served) + ')');"
            + "      e.noRange = true;"
            + "      throw e;"
            + "    }"
            + "    if (response.status !== 206) {"
            + "      throw new Error('cannot download ' + what + ': HTTP ' + response.status + ' ' + response.statusText);"
            + "    }"
            + "    return readBody(response, what, end - first, source, progress);"
            + "  });")
    public static native JSPromise<ArrayBuffer> fetchRange(String url, double first, double end, String sha256Hex,
            ProgressListener progress, Hasher hasher);

    /**
     * A short reason for a rejection of these fetches ({@code sha256 mismatch}, {@code truncated: n of m bytes},
     * {@code HTTP 404}, {@code network error}, {@code not valid gzip data}), else its message.
     */
    @JSBody(params = "error", script = "return error && error.reason ? String(error.reason)"
            + " : error && error.message ? String(error.message) : String(error);")
    public static native String reason(JSObject error);

    /** Whether a rejection of {@link #fetchRange} means the host does not serve byte ranges. */
    @JSBody(params = "error", script = "return !!(error && error.noRange);")
    public static native boolean isNoRange(JSObject error);

    /** Whether a verified blob with this digest is in the Cache API already (a whole layer from an earlier visit). */
    @JSBody(params = "sha256Hex", script = ""
            + "if (!self.caches) return Promise.resolve(false);"
            + "const key = new URL('/__termpress/blobs/sha256/' + sha256Hex, self.location.href).href;"
            + "return self.caches.open('termpress-blobs-v1').then(c => c.match(key)).then(r => !!r, () => false);")
    public static native JSPromise<JSBoolean> isCached(String sha256Hex);

    /**
     * Fetches an immutable runtime file (content-hashed name), through the Cache API when there is one.
     */
    @JSBody(params = "url", script = FETCH_JS
            + "return (async function() {"
            + "  const cache = self.caches ? await self.caches.open('termpress-runtime-v1').catch(() => null) : null;"
            + "  const hit = cache ? await cache.match(url).catch(() => null) : null;"
            + "  if (hit) return await hit.arrayBuffer();"
            + "  const bytes = await (await download(url, undefined, url)).arrayBuffer();"
            + "  if (cache) await cache.put(url, new Response(bytes.slice(0))).catch(() => undefined);"
            + "  return bytes;"
            + "})();")
    public static native JSPromise<ArrayBuffer> fetchImmutable(String url);

    /** Fetches a small text file (an image descriptor) without caching it. */
    @JSBody(params = "url", script = FETCH_JS + "return early('text:' + url).then(text => text !== null ? text"
            + " : download(url, { cache: 'no-cache' }, url).then(r => r.text()));")
    public static native JSPromise<JSObject> fetchText(String url);

    /** Inflates raw deflate data (RFC 1951, no header) with the browser's DecompressionStream. */
    public static JSPromise<ArrayBuffer> inflateRaw(JSObject bytes, String name) {
        return decompress(bytes, "deflate-raw", name);
    }

    /** Inflates gzip data with the browser's DecompressionStream. */
    public static JSPromise<ArrayBuffer> gunzip(ArrayBuffer bytes, String name) {
        return decompress(bytes, "gzip", name);
    }

    /** Inflates {@code bytes} in DecompressionStream's {@code format}; a rejection names {@code name}. */
    @JSBody(params = { "bytes", "format", "name" }, script = ""
            + "return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream(format)))"
            + "  .arrayBuffer().catch(function(e) {"
            + "    const failed = new Error(name + ' is not valid ' + format + ' data: ' + (e && e.message || e));"
            + "    failed.reason = 'not valid ' + format + ' data';"
            + "    throw failed;"
            + "  });")
    private static native JSPromise<ArrayBuffer> decompress(JSObject bytes, String format, String name);
}
