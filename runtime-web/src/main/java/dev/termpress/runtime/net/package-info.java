/**
 * The guest's network in the browser (issue 16): a {@code NetworkBackend} with no sockets. TCP connections the guest
 * opens to port 80 (and to any port of the gateway, which is the page's own host) are an HTTP/1.1 proxy that re-issues
 * each request with {@code fetch}; names resolve to synthetic addresses that map back to the name. Plain Java but for
 * {@link dev.termpress.runtime.net.BrowserFetcher}, so the HTTP side is tested on the JVM.
 */
package dev.termpress.runtime.net;
