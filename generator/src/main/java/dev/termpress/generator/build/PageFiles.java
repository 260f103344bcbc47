package dev.termpress.generator.build;

import dev.termpress.emulator.guest.GuestFiles;
import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.markdown.DemoBlock;
import dev.termpress.generator.markdown.FileBlock;
import dev.termpress.generator.markdown.PageFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What each demo block of a page puts into its container: every file block of the page (wherever it stands),
 * then the files of the block's {@code files=DIR} below its workdir. Duplicated guest paths, a folder outside
 * {@code content/} or missing, and links inside it are errors at the line that names them.
 */
final class PageFiles {

    private PageFiles() {}

    /** The page's file blocks as one list, each guest path once (a second one is an error at its fence). */
    static List<PageFile> ofBlocks(List<FileBlock> blocks, ErrorCollector errors) {
        Map<String, PageFile> byPath = new LinkedHashMap<>();
        for (FileBlock block : blocks) {
            PageFile file = block.file();
            PageFile earlier = byPath.putIfAbsent(file.path(), file);
            if (earlier != null) {
                errors.add(file.file(), file.line(), "path " + file.path() + " is given twice on this page (first at line "
                        + earlier.line() + ")");
            }
        }
        return List.copyOf(byPath.values());
    }

    /** {@code demo} with the page's files and its own folder's, or as it is when there are none. */
    static DemoBlock withFiles(DemoBlock demo, List<PageFile> pageFiles, Path contentDir, ErrorCollector errors) {
        if (pageFiles.isEmpty() && demo.filesDir() == null) {
            return demo;
        }
        List<PageFile> files = new ArrayList<>(pageFiles);
        if (demo.filesDir() != null) {
            List<String> taken = pageFiles.stream().map(PageFile::path).toList();
            for (PageFile file : folder(demo, contentDir, errors)) {
                if (taken.contains(file.path())) {
                    errors.add(demo.file(), demo.line(), "files=" + demo.filesDir() + " puts " + file.path()
                            + " where a file block of this page puts its own (rename one of them)");
                } else {
                    files.add(file);
                }
            }
        }
        return demo.withFiles(files);
    }

    private static List<PageFile> folder(DemoBlock demo, Path contentDir, ErrorCollector errors) {
        String written = demo.filesDir();
        Path root = contentDir.toAbsolutePath().normalize();
        Path dir = demo.file().toAbsolutePath().getParent().resolve(written).normalize();
        if (!dir.startsWith(root)) {
            errors.add(demo.file(), demo.line(), "files=" + written + " is outside the site's content/ folder"
                    + " (name a folder below content/, relative to this page)");
            return List.of();
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            errors.add(demo.file(), demo.line(), "files=" + written + ": no such folder " + root.relativize(dir)
                    + " below content/ (relative to this page)");
            return List.of();
        }
        List<PageFile> files = new ArrayList<>();
        String base = demo.workdir().endsWith("/") ? demo.workdir() : demo.workdir() + "/";
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted().toList()) {
                if (path.equals(dir) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String relative = dir.relativize(path).toString().replace('\\', '/');
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    errors.add(demo.file(), demo.line(), "files=" + written + ": " + relative
                            + " is a link or special file (only regular files are copied)");
                    continue;
                }
                String guestPath = base + relative;
                String problem = GuestFiles.pathProblem(guestPath);
                if (problem != null) {
                    errors.add(demo.file(), demo.line(), "files=" + written + ": " + problem);
                    continue;
                }
                files.add(new PageFile(guestPath, Files.readAllBytes(path), executable(path) ? 0755 : 0644,
                        demo.file(), demo.line()));
            }
        } catch (IOException e) {
            errors.add(demo.file(), demo.line(), "files=" + written + ": cannot read " + e.getMessage());
        }
        return files;
    }

    private static boolean executable(Path path) {
        try {
            return Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException | IOException e) {
            return Files.isExecutable(path);
        }
    }
}
