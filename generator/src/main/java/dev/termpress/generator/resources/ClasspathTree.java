package dev.termpress.generator.resources;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Lists the files below a classpath directory, whether it sits in a jar or in a classes folder. */
public final class ClasspathTree {

    private ClasspathTree() {}

    /** Relative paths (with {@code /}) of the regular files below {@code directory}, sorted. */
    public static List<String> list(ClassLoader loader, String directory) throws IOException {
        URL url = loader.getResource(directory);
        if (url == null) {
            return List.of();
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("bad classpath URL " + url, e);
        }
        if (uri.getScheme().equals("jar")) {
            try {
                FileSystem fs = FileSystems.newFileSystem(uri, Map.of());
                try (fs) {
                    return walk(fs.provider().getPath(uri));
                }
            } catch (FileSystemAlreadyExistsException e) {
                return walk(FileSystems.getFileSystem(uri).provider().getPath(uri));
            }
        }
        return walk(Path.of(uri));
    }

    private static List<String> walk(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
                    .sorted()
                    .toList();
        }
    }
}
