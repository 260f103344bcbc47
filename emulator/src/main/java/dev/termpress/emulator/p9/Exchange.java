package dev.termpress.emulator.p9;

import java.util.ArrayList;
import java.util.List;

/** One request in flight: where its reply goes, how much room the client gave, who waits for it. */
final class Exchange {

    final int tag;
    final Responder responder;
    /** Largest reply the client can take (its buffer, bounded by msize). */
    final int capacity;
    boolean replied;
    /** Tflush requests to answer once this one has been answered. */
    private List<Exchange> flushes;

    Exchange(int tag, Responder responder, int capacity) {
        this.tag = tag;
        this.responder = responder;
        this.capacity = capacity;
    }

    void addFlush(Exchange flush) {
        if (flushes == null) {
            flushes = new ArrayList<>();
        }
        flushes.add(flush);
    }

    List<Exchange> takeFlushes() {
        List<Exchange> waiting = flushes;
        flushes = null;
        return waiting;
    }
}
