package dev.termpress.runtime.worker;

import dev.termpress.emulator.snapshot.SnapshotException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A split boot snapshot's second part (the RAM pages a resume needs only after the prompt), fetched while the
 * machines resumed from the first part already run: each resumed {@link Session} is attached and gets the pages
 * when they arrive; until then a guest that needs one waits ({@link Session#tick}). The fetch starts when the
 * page has drawn the guest's first prompt or when a guest first needs a page of it, whichever comes first
 * ({@link #start}, {@link #stalled}). One per worker, as a worker runs one image.
 */
final class ColdPart {

    private static ColdPart shared = new ColdPart();

    private final List<Session> attached = new ArrayList<>();
    private final List<Session> stalled = new ArrayList<>();
    private byte[] raw;
    private String failure;
    private Consumer<String> onFailure;
    /** Starts the fetch (the loader sets it once the first part is in); null before. */
    private Runnable fetch;
    private boolean wanted;
    private boolean requested;
    private boolean neededFirst;
    private String neededWhere;

    /** This worker's. */
    static ColdPart shared() {
        return shared;
    }

    /** Forgets the part and every machine attached: a new image (tests run many in one JVM). */
    static void reset() {
        shared = new ColdPart();
    }

    /** Whether the fetch was started. */
    boolean requested() {
        return requested;
    }

    /**
     * How to fetch the part. The fetch starts when a resumed guest first needs one of its pages or its prompt
     * is shown, whichever comes first: until then the download would only compete with what the guest needs
     * to reach the prompt (the second part is most of the snapshot's bytes).
     */
    void fetchWith(Runnable fetcher) {
        this.fetch = fetcher;
        if (wanted) {
            start();
        }
    }

    /** A resumed guest's prompt is shown or it needs a page: fetch the part now (once). */
    void start() {
        wanted = true;
        if (fetch != null && !requested && raw == null && failure == null) {
            requested = true;
            fetch.run();
        }
    }

    /** Called with the reason when the part cannot be used after a machine resumed without it. */
    void onFailure(Consumer<String> handler) {
        this.onFailure = handler;
    }

    /**
     * {@code session} resumed from the first part and waits for the rest: applied at once if it is here.
     *
     * @throws SnapshotException if the part already failed (the caller boots cold)
     */
    void attach(Session session) throws SnapshotException {
        if (failure != null) {
            throw new SnapshotException(failure);
        }
        if (raw != null) {
            session.applyColdPart(raw);
        } else if (!attached.contains(session)) {
            attached.add(session);
        }
    }

    /** {@code session}'s guest stopped before a page of this part: it runs again when the part is applied. */
    void stalled(Session session, String where) {
        if (!stalled.contains(session)) {
            stalled.add(session);
        }
        if (!wanted) {
            neededFirst = true;
            neededWhere = where;
        }
        start();
    }

    /** Where the first guest that needed it stopped (pc, address, instructions), or null. */
    String neededWhere() {
        return neededWhere;
    }

    /** Whether a guest needed a page of the part before any prompt was shown (the hot set missed it). */
    boolean neededBeforePrompt() {
        return neededFirst;
    }

    /** Whether a guest waits for this part (the rehearsal is then not at its prompt, the ledger counts a fetch). */
    boolean awaited() {
        return raw == null && failure == null && !stalled.isEmpty();
    }

    /** The part arrived, checked against its digest and inflated: every attached machine gets its pages. */
    void arrived(byte[] bytes) {
        if (failure != null || raw != null) {
            return;
        }
        raw = bytes;
        List<Session> waiting = new ArrayList<>(attached);
        attached.clear();
        stalled.clear();
        for (Session session : waiting) {
            session.applyColdPart(bytes);
        }
    }

    /** The part cannot be used ({@code why}): machines resumed without it cannot go on. */
    void failed(String why) {
        if (failure != null) {
            return;
        }
        failure = "its second part: " + why;
        boolean resumedWithout = !attached.isEmpty();
        attached.clear();
        stalled.clear();
        if (resumedWithout && onFailure != null) {
            onFailure.accept(failure);
        }
    }

    /** A resumed machine refused the part ({@code why}: damaged, of another snapshot): it cannot go on. */
    void refused(String why) {
        if (failure != null) {
            return;
        }
        failure = "its second part: " + why;
        attached.clear();
        stalled.clear();
        if (onFailure != null) {
            onFailure.accept(failure);
        }
    }

    /** Whether the part already failed (a snapshot not yet resumed is then not used). */
    String failure() {
        return failure;
    }
}
