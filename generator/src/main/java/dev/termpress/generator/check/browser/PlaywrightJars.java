package dev.termpress.generator.check.browser;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether Playwright is on the class path. It is not inside termpress.jar (its driver bundle alone
 * is about 190 MB): the build copies it to {@code browser/} next to the jar, whose manifest
 * {@code Class-Path} names those files. Loads no Playwright class.
 */
public final class PlaywrightJars {

    /** The folder next to termpress.jar that holds Playwright and its dependencies. */
    public static final String FOLDER = "browser";
    /**
     * One class from each jar the check loads: Playwright, the driver bundle (which carries the Node.js
     * driver) and Gson (Playwright's protocol). A jar missing from the manifest's list would otherwise
     * surface midway as an internal error.
     */
    static final String[] REQUIRED = {"com.microsoft.playwright.Playwright",
        "com.microsoft.playwright.impl.driver.jar.DriverJar", "com.google.gson.Gson"};

    private PlaywrightJars() {}

    /** Why browser checks cannot run with {@code loader}'s classes, with where the jars belong; {@code null} when they can. */
    public static String problem(ClassLoader loader) {
        for (String name : REQUIRED) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return "browser checks need Playwright's jars in " + expectedFolder() + " next to termpress.jar ("
                        + whereTheyComeFrom() + "); " + name + " is missing.";
            }
        }
        return null;
    }

    /**
     * In a release distribution ({@code lib/termpress.jar} with {@code bin/termpress} beside
     * {@code lib/}) the jars come in their own archive; in a build tree, {@code mvn package} copies them.
     */
    static String whereTheyComeFrom() {
        Path lib = expectedFolder().getParent();
        if (lib != null && lib.getFileName() != null && lib.getFileName().toString().equals("lib")
                && lib.getParent() != null && Files.isRegularFile(lib.getParent().resolve("bin/termpress"))) {
            String version = PlaywrightJars.class.getPackage().getImplementationVersion();
            return "unpack termpress-" + (version == null ? "VERSION" : version)
                    + "-browser.tar.gz over this installation: it adds lib/browser/";
        }
        return "mvn package puts them there";
    }

    /** {@code browser/} beside the jar or class folder this class was loaded from. */
    static Path expectedFolder() {
        try {
            Path origin = Path.of(PlaywrightJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return origin.toAbsolutePath().getParent().resolve(FOLDER);
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of(FOLDER);
        }
    }
}
