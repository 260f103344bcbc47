package dev.termpress.generator.serve;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import dev.termpress.generator.build.SourceChanges;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Notices changes to a site's sources through the platform's file events (inotify on Linux), so an edit is
 * seen within milliseconds rather than at the next poll. The site folder itself is watched for its setting
 * files and for the source folders appearing; the source folders are watched recursively, each new folder
 * as it is created. The output folder and the build's temporary siblings are not watched.
 */
public final class SourceWatcher implements AutoCloseable {

    /** What is watched inside a site directory. */
    public static final List<String> WATCHED = List.of("termpress.yaml", "termpress.lock", "content", "static", "theme");

    /** Editors write in bursts (a temporary file, a rename, an attribute change): wait this long for quiet. */
    static final long SETTLE_MILLIS = 15;

    private final Path siteDir;
    private final WatchService service;
    private final Map<WatchKey, Path> folders = new HashMap<>();
    /** The paths events named since the last {@link #takeChanges}; {@code complete} false after an overflow. */
    private final Set<Path> changed = new HashSet<>();
    private boolean complete = true;

    /** Starts watching {@code siteDir}; changes from now on are reported. */
    public SourceWatcher(Path siteDir) throws IOException {
        this.siteDir = siteDir.toAbsolutePath().normalize();
        this.service = this.siteDir.getFileSystem().newWatchService();
        folders.put(this.siteDir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), this.siteDir);
        for (String name : WATCHED) {
            registerTree(this.siteDir.resolve(name));
        }
    }

    /**
     * Waits until a source changes and the burst of events it came with settles ({@link #SETTLE_MILLIS} without
     * another); {@code false} when nothing changed within {@code timeoutMillis}.
     */
    public boolean awaitChange(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean changed = false;
        while (!changed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            WatchKey key = service.poll(left, TimeUnit.NANOSECONDS);
            if (key == null) {
                return false;
            }
            changed = handle(key);
        }
        WatchKey key;
        while ((key = service.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
            handle(key);
        }
        return true;
    }

    /**
     * What changed since the previous call (or since watching began): the paths of the events, or an incomplete
     * answer when events were lost. Starts collecting afresh.
     */
    public SourceChanges takeChanges() {
        SourceChanges changes = new SourceChanges(changed, complete);
        changed.clear();
        complete = true;
        return changes;
    }

    /** Takes one key's events: registers new folders and says whether any event concerns a source. */
    private boolean handle(WatchKey key) {
        Path folder = folders.get(key);
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                relevant = true; // events were lost: anything may have changed, and new folders may be unwatched
                complete = false;
                WATCHED.forEach(name -> registerTree(siteDir.resolve(name)));
                continue;
            }
            if (folder == null) {
                continue;
            }
            Path child = folder.resolve((Path) event.context());
            if (folder.equals(siteDir) && !WATCHED.contains(child.getFileName().toString())) {
                continue; // the output, its staging siblings, anything else beside the sources
            }
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                registerTree(child);
            }
            changed.add(child.toAbsolutePath().normalize());
            relevant = true;
        }
        if (!key.reset()) {
            folders.remove(key); // the folder is gone
        }
        return relevant;
    }

    /** Registers {@code root} and every folder below it (a folder that vanishes meanwhile is skipped). */
    private void registerTree(Path root) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path dir : (Iterable<Path>) walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))::iterator) {
                try {
                    folders.put(dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), dir);
                } catch (IOException e) {
                    // Deleted between listing and registering: its parent's event reports the change.
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // As above: a folder removed mid-walk.
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
