package dev.termpress.generator.check.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** Whether Playwright can be loaded, without loading it. */
class PlaywrightJarsTest {

    @Test
    void theBuildsClassPathHasPlaywright() {
        assertThat(PlaywrightJars.problem(PlaywrightJarsTest.class.getClassLoader())).isNull();
    }

    @Test
    void aClassPathWithoutPlaywrightNamesTheFolderNextToTheJar() throws Exception {
        try (URLClassLoader bare = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            String problem = PlaywrightJars.problem(bare);

            assertThat(problem).startsWith("browser checks need Playwright's jars in " + PlaywrightJars.expectedFolder()
                    + " next to termpress.jar (mvn package puts them there); com.microsoft.playwright.Playwright is missing.");
            assertThat(PlaywrightJars.expectedFolder().getFileName()).hasToString("browser");
        }
    }

    /** Playwright without Gson, as after an upgrade that the manifest's jar list missed. */
    @Test
    void aMissingDependencyOfPlaywrightIsNamed() throws Exception {
        URL[] playwrightOnly = {jarOf("com.microsoft.playwright.Playwright"),
            jarOf("com.microsoft.playwright.impl.driver.jar.DriverJar"), jarOf("com.microsoft.playwright.impl.driver.Driver")};
        try (URLClassLoader partial = new URLClassLoader(playwrightOnly, ClassLoader.getPlatformClassLoader())) {
            assertThat(PlaywrightJars.problem(partial)).endsWith("com.google.gson.Gson is missing.");
        }
    }

    private static URL jarOf(String className) throws ClassNotFoundException {
        return Class.forName(className, false, PlaywrightJarsTest.class.getClassLoader())
                .getProtectionDomain().getCodeSource().getLocation();
    }
}
