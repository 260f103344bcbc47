package dev.termpress.generator.config;

import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.guest.InitConf;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.diag.SiteError;
import dev.termpress.generator.image.ImageSpec;
import dev.termpress.generator.image.RemoteImage;
import dev.termpress.generator.yaml.YamlFields;
import dev.termpress.generator.yaml.YamlNode;
import dev.termpress.generator.yaml.YamlNode.Entry;
import dev.termpress.generator.yaml.YamlNode.YamlMap;
import dev.termpress.generator.yaml.YamlNode.YamlScalar;
import dev.termpress.generator.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads and checks {@code termpress.yaml}. */
public final class SiteConfigLoader {

    /** Every setting of {@code termpress.yaml} (the manual documents each: ManualOptionsTest). */
    public static final List<String> KEYS = List.of("title", "description", "language", "base_url", "theme", "images", "snapshot", "prewarm",
            "edit_url", "search", "insecure_registries", "persist", "network");
    /** Every key of an image's mapping form. */
    public static final List<String> IMAGE_KEYS = List.of("source", "ref", "platform", "hostname", "snapshot", "upper-limit", "prewarm", "network");
    static final List<String> THEMES = List.of("default");
    /** Image names end up in file names and HTML attributes: keep them tame. */
    private static final Pattern IMAGE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

    private SiteConfigLoader() {}

    /** Loads {@code siteDir/termpress.yaml}. */
    public static SiteConfig load(Path siteDir) throws BuildException {
        Path file = siteDir.resolve(SiteConfig.FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BuildException(new SiteError(file, 0,
                    "no " + SiteConfig.FILE_NAME + " here: is this a termpress site? (`termpress init DIR` creates one)"));
        } catch (IOException e) {
            throw new BuildException(new SiteError(file, 0, "cannot read: " + e.getMessage()));
        }
        return parse(text, file);
    }

    /** Parses configuration text that belongs to {@code file}. */
    public static SiteConfig parse(String text, Path file) throws BuildException {
        YamlNode root = YamlReader.read(text, file, 1);
        if (!(root instanceof YamlMap map)) {
            throw new BuildException(new SiteError(file, root.line(),
                    "expected a mapping of settings (valid: " + String.join(", ", KEYS) + "), got " + root.kind()));
        }
        ErrorCollector errors = new ErrorCollector();
        YamlFields fields = new YamlFields(map, file, errors);
        fields.rejectUnknownKeys("setting", KEYS);
        String title = fields.string("title").orElse("termpress site");
        String description = fields.string("description").orElse("");
        String language = fields.string("language").orElse("en");
        String baseUrl = fields.string("base_url").orElse(null);
        fields.entry("theme").ifPresent(entry -> checkTheme(entry, file, errors));
        boolean snapshots = fields.bool("snapshot").orElse(true);
        PrewarmBudget prewarm = prewarm(fields, file, "prewarm", PrewarmBudget.DEFAULT, errors);
        boolean network = fields.bool("network").orElse(false); // an image's network: and a block's network= win
        List<ImageSpec> images = fields.entry("images").map(e -> images(e, file, snapshots, network, errors))
                .orElse(List.of())
                .stream().map(spec -> imagePrewarm(fields, spec, prewarm, file, errors)).toList();
        String editUrl = fields.string("edit_url").orElse(null);
        if (editUrl != null && !editUrl.matches("https?://.+")) {
            errors.add(file, fields.entry("edit_url").orElseThrow().value().line(),
                    "edit_url must be an http:// or https:// URL (the page's path below content/ is appended)");
        }
        boolean search = fields.bool("search").orElse(true);
        List<String> insecure = fields.entry("insecure_registries").map(e -> InsecureRegistries.parse(e, file, errors))
                .orElse(List.of());
        boolean persist = fields.bool("persist").orElse(false); // a block's persist= wins
        errors.throwIfAny();
        return new SiteConfig(file, title, description, language, baseUrl, images, editUrl, search, insecure, persist);
    }

    /** {@code prewarm:} under {@code key}: true, false or a byte budget; {@code fallback} when absent or bad. */
    private static PrewarmBudget prewarm(YamlFields fields, Path file, String key, PrewarmBudget fallback,
            ErrorCollector errors) {
        String text = fields.string(key).orElse(null);
        if (text == null) {
            return fallback;
        }
        try {
            return PrewarmBudget.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(file, fields.entry(key).orElseThrow().value().line(), key + ": " + e.getMessage());
            return fallback;
        }
    }

    /** The image's own {@code prewarm:} (in its mapping form), else the site's. */
    private static ImageSpec imagePrewarm(YamlFields site, ImageSpec spec, PrewarmBudget sitePrewarm, Path file,
            ErrorCollector errors) {
        PrewarmBudget budget = sitePrewarm;
        if (site.entry("images").orElseThrow().value() instanceof YamlMap images
                && images.entries().get(spec.name()) != null
                && images.entries().get(spec.name()).value() instanceof YamlMap details) {
            YamlFields fields = new YamlFields(details, file, new ErrorCollector());
            String text = fields.string("prewarm").orElse(null);
            if (text != null) {
                try {
                    budget = PrewarmBudget.parse(text);
                } catch (IllegalArgumentException e) {
                    errors.add(file, fields.entry("prewarm").orElseThrow().value().line(),
                            "image '" + spec.name() + "': prewarm: " + e.getMessage());
                }
            }
        }
        return spec.withPrewarm(budget);
    }

    private static void checkTheme(Entry entry, Path file, ErrorCollector errors) {
        if (!(entry.value() instanceof YamlScalar scalar) || !THEMES.contains(scalar.text())) {
            errors.add(file, entry.value().line(), "unknown theme (valid: " + String.join(", ", THEMES)
                    + "; override single files in the site's theme/ directory)");
        }
    }

    private static List<ImageSpec> images(Entry entry, Path file, boolean snapshots, boolean network,
            ErrorCollector errors) {
        if (!(entry.value() instanceof YamlMap map)) {
            if (!(entry.value() instanceof YamlScalar s && s.text() == null)) {
                errors.add(file, entry.value().line(), "'images' must map names to sources, e.g. `busybox: images/busybox`");
            }
            return List.of();
        }
        Path siteDir = file.toAbsolutePath().getParent();
        // Image errors come from the publisher; give it the path as our own messages show it.
        Path shownAs = Path.of(SiteError.displayPath(file));
        List<ImageSpec> specs = new ArrayList<>();
        for (Entry image : map.entries().values()) {
            if (!IMAGE_NAME.matcher(image.key()).matches()) {
                errors.add(file, image.keyLine(), "image name '" + image.key()
                        + "' must start with a letter or digit and use only letters, digits and . _ : -");
                continue;
            }
            ImageSpec spec = image(image, siteDir, file, shownAs, snapshots, network, errors);
            if (spec != null) {
                specs.add(spec);
            }
        }
        return specs;
    }

    private static ImageSpec image(Entry image, Path siteDir, Path file, Path shownAs, boolean snapshots,
            boolean siteNetwork, ErrorCollector errors) {
        if (image.value() instanceof YamlScalar scalar && scalar.text() != null && !scalar.text().isBlank()) {
            String text = scalar.text().strip();
            if (ImageEntries.isRegistryReference(text, siteDir)) {
                RemoteImage remote = ImageEntries.remote(text, RemoteImage.DEFAULT_PLATFORM, image, file, errors);
                return remote == null ? null : new ImageSpec(image.key(), null, null, shownAs, image.keyLine(), null,
                        snapshots, ImageFileSystem.DEFAULT_UPPER_LIMIT, remote).withNetwork(siteNetwork);
            }
            return new ImageSpec(image.key(), siteDir.resolve(text).normalize(), null, shownAs, image.keyLine(),
                    null, snapshots).withNetwork(siteNetwork);
        }
        if (image.value() instanceof YamlMap details) {
            YamlFields fields = new YamlFields(details, file, errors);
            fields.rejectUnknownKeys("image", IMAGE_KEYS);
            String source = fields.string("source").orElse(null);
            String ref = fields.string("ref").orElse(null);
            String platform = fields.string("platform").orElse(null);
            RemoteImage remote = null;
            if (source == null && ref != null) {
                // Without a source, ref names a registry image; beside one it picks a tag inside the source.
                remote = ImageEntries.remote(ref, platform == null ? RemoteImage.DEFAULT_PLATFORM : platform, image,
                        file, errors);
                if (remote == null) {
                    return null;
                }
            } else if (source == null || source.isBlank()) {
                errors.add(file, image.keyLine(), "image '" + image.key() + "' needs a source (an OCI layout directory,"
                        + " an oci-archive tar or a docker save tar) or a registry reference (ref: alpine:3.21)");
                return null;
            } else if (platform != null) {
                errors.add(file, image.keyLine(), "image '" + image.key() + "': platform is for registry images"
                        + " (ref: without source:); a local source is always resolved to linux/riscv64");
            }
            String hostname = fields.string("hostname").orElse(null);
            String problem = hostname == null ? null : InitConf.hostnameProblem(hostname);
            if (problem != null) {
                errors.add(file, image.keyLine(), "image '" + image.key() + "': hostname: " + problem);
            }
            boolean snapshot = fields.bool("snapshot").orElse(snapshots);
            boolean network = fields.bool("network").orElse(siteNetwork);
            long upperLimit = ImageFileSystem.DEFAULT_UPPER_LIMIT;
            String limit = fields.string("upper-limit").orElse(null);
            if (limit != null) {
                try {
                    upperLimit = UpperLimit.parse(limit);
                } catch (IllegalArgumentException e) {
                    errors.add(file, image.keyLine(), "image '" + image.key() + "': upper-limit: " + e.getMessage());
                }
            }
            if (remote != null) {
                return new ImageSpec(image.key(), null, null, shownAs, image.keyLine(), hostname, snapshot, upperLimit,
                        remote).withNetwork(network);
            }
            return new ImageSpec(image.key(), siteDir.resolve(source).normalize(), ref, shownAs, image.keyLine(),
                    hostname, snapshot, upperLimit).withNetwork(network);
        }
        errors.add(file, image.keyLine(), "image '" + image.key() + "' must be a path, a registry reference"
                + " (alpine:3.21), or {source: PATH, ref: TAG, hostname: NAME, snapshot: false, upper-limit: SIZE,"
                + " prewarm: false, network: true}"
                + " or {ref: REGISTRY/REPO:TAG, platform: linux/riscv64, ...}");
        return null;
    }
}
