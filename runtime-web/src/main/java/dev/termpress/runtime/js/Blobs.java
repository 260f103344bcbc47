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
     * JavaScript shared by the fetch bindings: {@code sha256Hex(bytes, hasher)}, a promise of the lowercase
     * hex digest, from SubtleCrypto where the page has it (secure contexts) and from the Java
     * {@link Hasher} elsewhere, so a plain-http site still checks every byte it uses.
     */
    private static final String SHA256_HEX_JS = ""
            + "const sha256Hex = async function(bytes, hasher) {"
            + "  if (self.crypto && self.crypto.subtle) {"
            + "    const hash = new Uint8Array(await self.crypto.subtle.digest('SHA-256', bytes));"
            + "    return Array.from(hash, b => b.toString(16).padStart(2, '0')).join('');"
            + "  }"
            + "  return hasher(bytes);"
            + "};";

    /** JavaScript shared by the fetch bindings: {@code readBody(response, limit, progress)} collects a body. */
    private static final String READ_BODY_JS = ""
            + "const readBody = async function(response, url, limit, what, progress) {"
            + "  const reader = response.body.getReader();"
            + "  const parts = [];"
            + "  let received = 0;"
            + "  for (;;) {"
            + "    const part = await reader.read();"
            + "    if (part.done) break;"
            + "    received += part.value.length;"
            + "    if (limit >= 0 && received > limit) {"
            + "      reader.cancel().catch(() => undefined);"
            + "      throw new Error(url + ' is larger than the ' + limit + ' bytes ' + what);"
            + "    }"
            + "    parts.push(part.value);"
            + "    progress(received);"
            + "  }"
            + "  const bytes = new Uint8Array(received);"
            + "  let at = 0;"
            + "  for (const part of parts) { bytes.set(part, at); at += part.length; }"
            + "  return bytes.buffer;"
            + "};";

    /** The size to pass to {@link #fetchVerified} when the descriptor gives none (only the digest is checked). */
    public static final double UNKNOWN_SIZE = -1;

    private Blobs() {
    }

    /**
     * Fetches {@code url} and checks that it is {@code size} bytes (any size for {@link #UNKNOWN_SIZE})
     * whose sha256 is {@code sha256Hex}; the
     * verified bytes are kept in the Cache API under the digest, and a later call for the same digest (from
     * any page of the site, any image) is answered from there. Rejects with a message that names the URL.
     * Where SubtleCrypto is missing (a page served over plain http from another host) {@code hasher}
     * computes the digest instead.
     */
    @JSBody(params = { "url", "expectedHex", "size", "progress", "hasher" }, script = SHA256_HEX_JS + READ_BODY_JS
            + "return (async function() {"
            + "  const key = new URL('/__termpress/blobs/sha256/' + expectedHex, self.location.href).href;"
            + "  const cache = self.caches ? await self.caches.open('termpress-blobs-v1').catch(() => null) : null;"
            + "  const check = async function(bytes) {"
            + "    if (size >= 0 && bytes.byteLength !== size) {"
            + "      throw new Error(url + ' has ' + bytes.byteLength + ' bytes, the image descriptor says ' + size);"
            + "    }"
            + "    const hex = await sha256Hex(bytes, hasher);"
            + "    if (hex !== expectedHex) {"
            + "      throw new Error(url + ' is corrupt: its sha256 is ' + hex + ', the image descriptor says '"
            + "          + expectedHex);"
            + "    }"
            + "    return bytes;"
            + "  };"
            + "  if (cache) {"
            + "    const hit = await cache.match(key).catch(() => null);"
            + "    if (hit) {"
            + "      const bytes = await hit.arrayBuffer();"
            + "      try { progress(bytes.byteLength); return await check(bytes); }"
            + "      catch (e) { await cache.delete(key).catch(() => false); }"
            + "    }"
            + "  }"
            + "  let response;"
            + "  try { response = await fetch(url); }"
            + "  catch (e) { throw new Error('cannot download ' + url + ': ' + (e && e.message || e)); }"
            + "  if (!response.ok) {"
            + "    throw new Error('cannot download ' + url + ': HTTP ' + response.status + ' ' + response.statusText);"
            + "  }"
            + "  const body = await readBody(response, url, size, 'the image descriptor says', progress);"
            + "  const verified = await check(body);"
            + "  if (cache) {"
            + "    await cache.put(key, new Response(verified.slice(0))).catch(() => undefined);"
            + "  }"
            + "  return verified;"
            + "})();")
    public static native JSPromise<ArrayBuffer> fetchVerified(String url, String sha256Hex, double size,
            ProgressListener progress, Hasher hasher);

    /**
     * Fetches bytes {@code [first, end)} of {@code url} with an HTTP Range request and checks that their
     * sha256 is {@code sha256Hex} (from the verified layer index); verified spans are kept in the Cache API
     * under their digest. Rejects with an error for which {@link #isNoRange} holds when the host answers
     * with the whole file (no Range support) or another range, so the caller can fetch the whole blob.
     */
    @JSBody(params = { "url", "first", "end", "expectedHex", "progress", "hasher" },
            script = SHA256_HEX_JS + READ_BODY_JS
            + "return (async function() {"
            + "  const key = new URL('/__termpress/spans/sha256/' + expectedHex, self.location.href).href;"
            + "  const cache = self.caches ? await self.caches.open('termpress-blobs-v1').catch(() => null) : null;"
            + "  const what = url + ' bytes ' + first + '-' + (end - 1);"
            + "  const check = async function(bytes) {"
            + "    if (bytes.byteLength !== end - first) {"
            + "      throw new Error(what + ': got ' + bytes.byteLength + ' bytes');"
            + "    }"
            + "    const hex = await sha256Hex(bytes, hasher);"
            + "    if (hex !== expectedHex) {"
            + "      throw new Error(what + ' are corrupt: their sha256 is ' + hex + ', the layer index says '"
            + "          + expectedHex);"
            + "    }"
            + "    return bytes;"
            + "  };"
            + "  if (cache) {"
            + "    const hit = await cache.match(key).catch(() => null);"
            + "    if (hit) {"
            + "      const bytes = await hit.arrayBuffer();"
            + "      try { const ok = await check(bytes); progress(bytes.byteLength); return ok; }"
            + "      catch (e) { await cache.delete(key).catch(() => false); }"
            + "    }"
            + "  }"
            + "  let response;"
            + "  try { response = await fetch(url, { headers: { Range: 'bytes=' + first + '-' + (end - 1) } }); }"
            + "  catch (e) { throw new Error('cannot download ' + what + ': ' + (e && e.message || e)); }"
            + "  const range = response.headers.get('Content-Range');"
            + "  if (response.status === 200 || response.status === 206 && range !== null"
            + "      && !range.startsWith('bytes ' + first + '-' + (end - 1) + '/')) {"
            + "    if (response.body) response.body.cancel().catch(() => undefined);"
            + "    const e = new Error(url + ' was not served as a byte range (HTTP ' + response.status + ')');"
            + "    e.noRange = true;"
            + "    throw e;"
            + "  }"
            + "  if (response.status !== 206) {"
            + "    throw new Error('cannot download ' + what + ': HTTP ' + response.status + ' ' + response.statusText);"
            + "  }"
            + "  const body = await readBody(response, url, end - first, 'of the requested range', progress);"
            + "  const verified = await check(body);"
            + "  if (cache) {"
            + "    await cache.put(key, new Response(verified.slice(0))).catch(() => undefined);"
            + "  }"
            + "  return verified;"
            + "})();")
    public static native JSPromise<ArrayBuffer> fetchRange(String url, double first, double end, String sha256Hex,
            ProgressListener progress, Hasher hasher);

    /** Whether a rejection of {@link #fetchRange} means the host does not serve byte ranges. */
    @JSBody(params = "error", script = "return !!(error && error.noRange);")
    public static native boolean isNoRange(JSObject error);

    /** Whether a verified blob with this digest is in the Cache API already (a whole layer from an earlier visit). */
    @JSBody(params = "sha256Hex", script = ""
            + "if (!self.caches) return Promise.resolve(false);"
            + "const key = new URL('/__termpress/blobs/sha256/' + sha256Hex, self.location.href).href;"
            + "return self.caches.open('termpress-blobs-v1').then(c => c.match(key)).then(r => !!r, () => false);")
    public static native JSPromise<JSBoolean> isCached(String sha256Hex);

    /** Inflates raw deflate data (RFC 1951, no header) with the browser's DecompressionStream. */
    @JSBody(params = { "bytes", "name" }, script = ""
            + "return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')))"
            + "  .arrayBuffer().catch(function(e) {"
            + "    throw new Error(name + ' is not valid deflate data: ' + (e && e.message || e));"
            + "  });")
    public static native JSPromise<ArrayBuffer> inflateRaw(JSObject bytes, String name);

    /**
     * Fetches an immutable runtime file (content-hashed name), through the Cache API when there is one.
     */
    @JSBody(params = "url", script = ""
            + "return (async function() {"
            + "  const cache = self.caches ? await self.caches.open('termpress-runtime-v1').catch(() => null) : null;"
            + "  const hit = cache ? await cache.match(url).catch(() => null) : null;"
            + "  if (hit) return await hit.arrayBuffer();"
            + "  let response;"
            + "  try { response = await fetch(url); }"
            + "  catch (e) { throw new Error('cannot download ' + url + ': ' + (e && e.message || e)); }"
            + "  if (!response.ok) {"
            + "    throw new Error('cannot download ' + url + ': HTTP ' + response.status + ' ' + response.statusText);"
            + "  }"
            + "  const bytes = await response.arrayBuffer();"
            + "  if (cache) await cache.put(url, new Response(bytes.slice(0))).catch(() => undefined);"
            + "  return bytes;"
            + "})();")
    public static native JSPromise<ArrayBuffer> fetchImmutable(String url);

    /** Fetches a small text file (an image descriptor) without caching it. */
    @JSBody(params = "url", script = ""
            + "return fetch(url, { cache: 'no-cache' }).then(function(response) {"
            + "  if (!response.ok) {"
            + "    throw new Error('cannot download ' + url + ': HTTP ' + response.status + ' ' + response.statusText);"
            + "  }"
            + "  return response.text();"
            + "}, function(e) { throw new Error('cannot download ' + url + ': ' + (e && e.message || e)); });")
    public static native JSPromise<JSObject> fetchText(String url);

    /** Inflates gzip data with the browser's DecompressionStream. */
    @JSBody(params = { "bytes", "name" }, script = ""
            + "return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')))"
            + "  .arrayBuffer().catch(function(e) {"
            + "    throw new Error(name + ' is not valid gzip data: ' + (e && e.message || e));"
            + "  });")
    public static native JSPromise<ArrayBuffer> gunzip(ArrayBuffer bytes, String name);
}
