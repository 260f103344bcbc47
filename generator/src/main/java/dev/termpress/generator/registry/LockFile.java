package dev.termpress.generator.registry;

import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.diag.SiteError;
import dev.termpress.generator.paths.AtomicFiles;
import dev.termpress.generator.yaml.YamlFields;
import dev.termpress.generator.yaml.YamlNode;
import dev.termpress.generator.yaml.YamlNode.Entry;
import dev.termpress.generator.yaml.YamlNode.YamlMap;
import dev.termpress.generator.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code termpress.lock}: for each registry image of {@code termpress.yaml}, the reference and
 * platform it was resolved for and the manifest digest it resolved to. YAML, sorted by image name,
 * rewritten only when an entry changes, so it diffs well and authors commit it.
 */
public final class LockFile {

    /** The lock file's name beside termpress.yaml. */
    public static final String FILE_NAME = "termpress.lock";
    static final int VERSION = 1;
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final String HEADER = """
            # termpress.lock: each registry image of termpress.yaml pinned to the manifest it resolved to.
            # Builds use these digests and never ask a registry what a tag means now, so two builds
            # publish the same bytes. Commit this file; `termpress build --update-images` re-resolves.
            """;

    /**
     * One pinned image.
     *
     * @param reference the normalised reference as termpress.yaml names it ({@code docker.io/library/alpine:3.21})
     * @param platform the platform it was resolved for
     * @param digest the platform's image manifest digest
     */
    public record Pin(String reference, String platform, String digest) {}

    private LockFile() {}

    /** The pins in {@code file} by image name; none when the file does not exist. */
    public static Map<String, Pin> read(Path file) throws BuildException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw new BuildException(new SiteError(file, 0, "cannot read: " + e.getMessage()));
        }
        YamlNode root = YamlReader.read(text, file, 1);
        Map<String, Pin> pins = new TreeMap<>();
        if (!(root instanceof YamlMap map)) {
            throw new BuildException(new SiteError(file, root.line(), "expected version: and images:, got " + root.kind()
                    + "; delete the file and build again to recreate it"));
        }
        ErrorCollector errors = new ErrorCollector();
        YamlFields fields = new YamlFields(map, file, errors);
        fields.rejectUnknownKeys("lock file", List.of("version", "images"));
        int version = fields.integer("version").orElse(VERSION);
        if (version != VERSION) {
            errors.add(file, map.line(), "lock file version " + version + " is not " + VERSION
                    + " (written by another termpress); delete it and build again to recreate it");
        }
        fields.entry("images").ifPresent(images -> {
            if (!(images.value() instanceof YamlMap entries)) {
                errors.add(file, images.keyLine(), "'images' must map image names to ref, platform and digest");
                return;
            }
            for (Entry entry : entries.entries().values()) {
                pin(entry, file, errors, pins);
            }
        });
        errors.throwIfAny();
        return pins;
    }

    private static void pin(Entry entry, Path file, ErrorCollector errors, Map<String, Pin> pins) {
        if (!(entry.value() instanceof YamlMap details)) {
            errors.add(file, entry.keyLine(), "image '" + entry.key() + "' must have ref, platform and digest");
            return;
        }
        YamlFields fields = new YamlFields(details, file, errors);
        fields.rejectUnknownKeys("lock entry", List.of("ref", "platform", "digest"));
        String ref = fields.string("ref").orElse(null);
        String platform = fields.string("platform").orElse(null);
        String digest = fields.string("digest").orElse(null);
        if (ref == null || platform == null || digest == null) {
            errors.add(file, entry.keyLine(), "image '" + entry.key() + "' must have ref, platform and digest");
        } else if (!DIGEST.matcher(digest).matches()) {
            errors.add(file, entry.keyLine(), "image '" + entry.key() + "': digest '" + digest
                    + "' is not sha256:<64 lowercase hex digits>");
        } else {
            pins.put(entry.key(), new Pin(ref, platform, digest));
        }
    }

    /** The file's text for {@code pins}: header, sorted entries, values quoted. */
    static String format(Map<String, Pin> pins) {
        StringBuilder out = new StringBuilder(HEADER).append("version: ").append(VERSION).append('\n');
        out.append(pins.isEmpty() ? "images: {}\n" : "images:\n");
        new TreeMap<>(pins).forEach((name, pin) -> out.append("  ").append(quote(name)).append(":\n")
                .append("    ref: ").append(quote(pin.reference())).append('\n')
                .append("    platform: ").append(quote(pin.platform())).append('\n')
                .append("    digest: ").append(quote(pin.digest())).append('\n'));
        return out.toString();
    }

    /**
     * Writes {@code pins} when they differ from what the file holds (atomically, through a temporary
     * file); returns whether it wrote.
     */
    public static boolean write(Path file, Map<String, Pin> pins) throws BuildException {
        String text = format(pins);
        try {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                return false;
            }
            AtomicFiles.write(file.toAbsolutePath(), text.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            throw new BuildException(new SiteError(file, 0, "cannot write: " + e.getMessage()));
        }
    }

    /** Image names and references use only characters a double-quoted YAML string keeps as they are. */
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
