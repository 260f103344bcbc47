package dev.termpress.runtime.worker;

import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.guest.GuestFile;
import dev.termpress.emulator.guest.GuestFiles;
import dev.termpress.runtime.js.Blobs;
import dev.termpress.runtime.js.JsJson;
import dev.termpress.runtime.js.WorkerScope;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The page's files for this block (the start message's {@code files}, from the figure's {@code data-files}):
 * fetched beside the image's blobs ({@code blobs/sha256/HEX} next to the descriptor) while the image loads,
 * verified like every blob (size, sha256, Cache API), and written into the writable layer once the machine
 * is resumed or built and before it runs ({@link GuestFiles}).
 */
public final class PageFiles {

    /** Called once every file is in, or one failed. */
    public interface Ready {
        void ready();
    }

    private final List<String> paths = new ArrayList<>();
    private final List<Integer> modes = new ArrayList<>();
    private final byte[][] contents;
    private int missing;
    private String failure;
    private Ready waiting;

    private PageFiles(int count) {
        contents = new byte[count][];
        missing = count;
    }

    /** Starts fetching the files the start message lists (none when it has no {@code files}). */
    public static PageFiles fetch(JSObject start, String descriptorUrl) {
        int count = Math.max(0, JsJson.arrayLength(start, "files"));
        PageFiles files = new PageFiles(count);
        for (int i = 0; i < count; i++) {
            JSObject entry = JsJson.element(start, "files", i);
            String path = JsJson.string(entry, "path");
            String hex = JsJson.string(entry, "sha256");
            double size = JsJson.number(entry, "size");
            files.paths.add(path);
            files.modes.add((int) JsJson.number(entry, "mode"));
            if (path == null || GuestFiles.pathProblem(path) != null || hex == null || size < 0) {
                files.failed("the page lists a malformed file (" + path + ")");
                continue;
            }
            int index = i;
            String url = WorkerScope.resolve("blobs/sha256/" + hex, descriptorUrl);
            Blobs.fetchVerified(url, hex, size, bytes -> { }, SpanFetcher.JAVA_SHA256).then(buffer -> {
                files.arrived(index, Int8Array.create(buffer).copyToJavaArray());
                return null;
            }, error -> {
                files.failed("cannot fetch the page file " + path + ": " + Blobs.reason((JSObject) error));
                return null;
            });
        }
        return files;
    }

    /** Whether every file is in (or one failed: see {@link #failure}). */
    public boolean ready() {
        return missing == 0 || failure != null;
    }

    /** Why a file could not be had, or null. */
    public String failure() {
        return failure;
    }

    /** Calls {@code then} when {@link #ready} (at once if it is); only the last call waiting is kept. */
    public void whenReady(Ready then) {
        if (ready()) {
            then.ready();
        } else {
            waiting = then;
        }
    }

    /**
     * Writes the files into {@code fs}: after a resume, before the guest runs again; on a cold boot, before the
     * kernel's first instruction.
     *
     * @throws IllegalStateException if the image blocks a path or the writable layer is full
     */
    public void install(ImageFileSystem fs) {
        List<GuestFile> files = new ArrayList<>();
        for (int i = 0; i < contents.length; i++) {
            files.add(new GuestFile(paths.get(i), contents[i], modes.get(i)));
        }
        GuestFiles.install(fs, files);
    }

    private void arrived(int index, byte[] content) {
        contents[index] = content;
        missing--;
        notifyIfReady();
    }

    private void failed(String why) {
        if (failure == null) {
            failure = why;
        }
        notifyIfReady();
    }

    private void notifyIfReady() {
        if (ready() && waiting != null) {
            Ready then = waiting;
            waiting = null;
            then.ready();
        }
    }
}
