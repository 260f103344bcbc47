package dev.termpress.generator.check.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Which Chromium {@code check --browser} drives, and what to say when there is none. Loads no Playwright class. */
public final class ChromiumLocator {

    /** Debian's chromium package puts the browser here. */
    public static final Path DEFAULT = Path.of("/usr/bin/chromium");
    /** The environment variable that names another Chromium. */
    public static final String ENV = "TERMPRESS_CHROMIUM";

    private ChromiumLocator() {}

    /** The {@code --chromium} option when given, else {@code $TERMPRESS_CHROMIUM} when set, else {@link #DEFAULT}. */
    public static Path resolve(Path option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        String named = env.get(ENV);
        return named == null || named.isBlank() ? DEFAULT : Path.of(named);
    }

    /** Why {@code executable} cannot be used, with how to fix it; {@code null} when it can. */
    public static String problem(Path executable) {
        if (Files.isExecutable(executable) && !Files.isDirectory(executable)) {
            return null;
        }
        String what = Files.exists(executable) ? "is not an executable file" : "does not exist";
        return "no Chromium for --browser: " + executable + " " + what + ". Install Chromium (on Debian:"
                + " apt-get install chromium) or name its executable with --chromium PATH or the " + ENV
                + " environment variable.";
    }
}
