package dev.termpress.runtime.js;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.ArrayBuffer;

/**
 * Getting bytes into the worker: the hand-written {@code fetch} binding (TeaVM has none), the Cache API
 * keyed by digest, SubtleCrypto and DecompressionStream.
 */
public final class Blobs {

    /** The size to pass to {@link #fetchVerified} when the descriptor gives none (only the digest is checked). */
    public static final double UNKNOWN_SIZE = -1;

    private Blobs() {
    }

    /**
     * Fetches {@code url} and checks that it is {@code size} bytes (any size for {@link #UNKNOWN_SIZE})
     * whose sha256 is {@code sha256Hex}; the
     * verified bytes are kept in the Cache API under the digest, and a later call for the same digest (from
     * any page of the site, any image) is answered from there. Rejects with a message that names the URL.
     * Where SubtleCrypto is missing (a page served over plain http from another host) the digest cannot be
     * checked and only the size is.
     */
    @JSBody(params = { "url", "sha256Hex", "size", "progress" }, script = ""
            + "return (async function() {"
            + "  const key = new URL('/__termpress/blobs/sha256/' + sha256Hex, self.location.href).href;"
            + "  const cache = self.caches ? await self.caches.open('termpress-blobs-v1').catch(() => null) : null;"
            + "  const check = async function(bytes) {"
            + "    if (size >= 0 && bytes.byteLength !== size) {"
            + "      throw new Error(url + ' has ' + bytes.byteLength + ' bytes, the image descriptor says ' + size);"
            + "    }"
            + "    if (self.crypto && self.crypto.subtle) {"
            + "      const hash = new Uint8Array(await self.crypto.subtle.digest('SHA-256', bytes));"
            + "      const hex = Array.from(hash, b => b.toString(16).padStart(2, '0')).join('');"
            + "      if (hex !== sha256Hex) {"
            + "        throw new Error(url + ' is corrupt: its sha256 is ' + hex + ', the image descriptor says '"
            + "            + sha256Hex);"
            + "      }"
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
            + "  const reader = response.body.getReader();"
            + "  const parts = [];"
            + "  let received = 0;"
            + "  for (;;) {"
            + "    const part = await reader.read();"
            + "    if (part.done) break;"
            + "    received += part.value.length;"
            + "    if (size >= 0 && received > size) {"
            + "      throw new Error(url + ' is larger than the ' + size + ' bytes the image descriptor says');"
            + "    }"
            + "    parts.push(part.value);"
            + "    progress(received);"
            + "  }"
            + "  const bytes = new Uint8Array(received);"
            + "  let at = 0;"
            + "  for (const part of parts) { bytes.set(part, at); at += part.length; }"
            + "  const verified = await check(bytes.buffer);"
            + "  if (cache) {"
            + "    await cache.put(key, new Response(verified.slice(0))).catch(() => undefined);"
            + "  }"
            + "  return verified;"
            + "})();")
    public static native JSPromise<ArrayBuffer> fetchVerified(String url, String sha256Hex, double size,
            ProgressListener progress);

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
