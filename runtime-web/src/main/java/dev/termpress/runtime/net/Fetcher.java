package dev.termpress.runtime.net;

import java.util.List;

/**
 * The browser's {@code fetch}, as the proxy uses it: one request, then its body pulled a piece at a time, so
 * no more than one piece per connection waits in the worker. The browser's is {@link BrowserFetcher}; tests
 * give their own. Listener calls come later than the call that causes them, on the same thread.
 */
public interface Fetcher {

    /** Starts {@code request}; the listener hears {@code response} then (after each {@code read}) pieces. */
    Exchange fetch(FetchRequest request, Listener listener);

    /** One fetch under way. */
    interface Exchange {

        /** Asks for the next piece of the body (once {@code response} came, one request at a time). */
        void read();

        /** Abandons the fetch; no more listener calls follow. */
        void cancel();
    }

    /** What becomes of one fetch. */
    interface Listener {

        /**
         * The response's status and the headers the browser exposes; {@code exactLength} is the body's length when
         * the browser's view of it is exact (a same-origin response that was not content-coded), else -1.
         */
        void response(int status, String statusText, List<HttpHeader> headers, long exactLength);

        /** One piece of the body, after a {@link Exchange#read}. */
        void chunk(byte[] data);

        /** The body ended, after a {@link Exchange#read}. */
        void end();

        /**
         * The browser refused or could not make the fetch, or the body broke off; {@code reason} is the
         * browser's error ({@code TypeError: Failed to fetch}: no CORS headers, or not reachable).
         */
        void failed(String reason);
    }
}
