package dev.termpress.generator.config;

import dev.termpress.generator.image.ImageSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A site's {@code termpress.yaml}.
 *
 * @param file the configuration file
 * @param title the site title shown in every page's header
 * @param description the default meta description
 * @param language the {@code lang} of every page
 * @param baseUrl where the site is published, used only where an absolute URL is required
 *     (canonical links, sitemap, 404 page); {@code null} when unknown
 * @param images the declared images, in declaration order
 * @param editUrl the URL prefix of "Edit this page" links (a page's path below {@code content/} is
 *     appended), or {@code null} for none
 * @param search whether pages get a search box and the build writes a search index
 * @param insecureRegistries registries the site allows over plain HTTP ({@code host} for every port of it,
 *     {@code host:port} for that port only), beside loopback ones; lowercase
 * @param persist whether demo blocks keep the reader's files in the browser unless they say {@code persist=false}
 */
public record SiteConfig(
        Path file, String title, String description, String language, String baseUrl, List<ImageSpec> images,
        String editUrl, boolean search, List<String> insecureRegistries, boolean persist) {

    /** The config file's name inside a site directory. */
    public static final String FILE_NAME = "termpress.yaml";

    public SiteConfig {
        images = List.copyOf(images);
        insecureRegistries = List.copyOf(insecureRegistries);
    }

    /** A configuration whose blocks keep no files unless they say so. */
    public SiteConfig(Path file, String title, String description, String language, String baseUrl,
            List<ImageSpec> images, String editUrl, boolean search, List<String> insecureRegistries) {
        this(file, title, description, language, baseUrl, images, editUrl, search, insecureRegistries, false);
    }

    /** A configuration without insecure registries. */
    public SiteConfig(Path file, String title, String description, String language, String baseUrl,
            List<ImageSpec> images, String editUrl, boolean search) {
        this(file, title, description, language, baseUrl, images, editUrl, search, List.of(), false);
    }

    /** The image declared under {@code name}. */
    public Optional<ImageSpec> image(String name) {
        return images.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** The declared image names, for "valid: ..." messages. */
    public List<String> imageNames() {
        return images.stream().map(ImageSpec::name).toList();
    }

    /** The same configuration with other images (registry images resolved to their pulled layouts). */
    public SiteConfig withImages(List<ImageSpec> newImages) {
        return new SiteConfig(file, title, description, language, baseUrl, newImages, editUrl, search, insecureRegistries, persist);
    }

    /** The same configuration published under another base URL. */
    public SiteConfig withBaseUrl(String newBaseUrl) {
        return new SiteConfig(file, title, description, language, newBaseUrl, images, editUrl, search, insecureRegistries, persist);
    }
}
