package dev.termpress.runtime.net;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Fetcher} with canned answers by URL. Like the browser's, it answers later: each listener call waits in a
 * queue until the test runs {@link #deliver} (the event loop's turn). A URL it does not know fails as fetch does
 * without CORS headers.
 */
public final class FakeFetcher implements Fetcher {

    /** One canned answer: the body goes out in pieces of {@code pieceBytes}. */
    public record Answer(int status, List<HttpHeader> headers, byte[] body, long exactLength, int pieceBytes) {
    }

    private final Map<String, Answer> answers = new LinkedHashMap<>();
    private final ArrayDeque<Runnable> later = new ArrayDeque<>();
    public final List<FetchRequest> requests = new ArrayList<>();
    public int reads;
    public int cancels;

    public FakeFetcher answer(String url, String body) {
        return answer(url, new Answer(200, List.of(new HttpHeader("content-type", "text/plain")),
                body.getBytes(StandardCharsets.UTF_8), -1, 1000));
    }

    public FakeFetcher answer(String url, Answer answer) {
        answers.put(url, answer);
        return this;
    }

    /** Runs the listener calls made so far (and any they cause); how many ran. */
    public int deliver() {
        int ran = 0;
        Runnable call;
        while ((call = later.poll()) != null) {
            call.run();
            ran++;
        }
        return ran;
    }

    @Override
    public Exchange fetch(FetchRequest request, Listener listener) {
        requests.add(request);
        Answer answer = answers.get(request.url());
        boolean[] cancelled = {false};
        int[] at = {0};
        if (answer == null) {
            later.add(() -> {
                if (!cancelled[0]) {
                    listener.failed("TypeError: Failed to fetch");
                }
            });
        } else {
            later.add(() -> {
                if (!cancelled[0]) {
                    listener.response(answer.status(), "", answer.headers(), answer.exactLength());
                }
            });
        }
        return new Exchange() {
            @Override
            public void read() {
                reads++;
                later.add(() -> {
                    if (cancelled[0]) {
                        return;
                    }
                    if (at[0] >= answer.body().length) {
                        listener.end();
                        return;
                    }
                    int n = Math.min(answer.pieceBytes(), answer.body().length - at[0]);
                    byte[] piece = java.util.Arrays.copyOfRange(answer.body(), at[0], at[0] + n);
                    at[0] += n;
                    listener.chunk(piece);
                });
            }

            @Override
            public void cancel() {
                cancels++;
                cancelled[0] = true;
            }
        };
    }
}
