package dev.termpress.generator.cli;

import dev.termpress.generator.registry.PullSettings;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --update-images} and {@code --offline}, shared by the verbs that pull a site's registry images. */
final class ImageOptions {

    @Option(names = "--update-images", description = "Resolve every registry image's tag again, pin the result"
            + " in termpress.lock and report the tags that moved. Without it, the pinned digests are used.")
    boolean updateImages;

    @Option(names = "--offline", description = "Use no network: registry images come from termpress.lock and the"
            + " blob cache ($XDG_CACHE_HOME/termpress, default ~/.cache/termpress); anything missing is an error.")
    boolean offline;

    /** The command these options belong to, for usage errors. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Whether either option was given. */
    boolean any() {
        return updateImages || offline;
    }

    /** The lock file's meaning these options ask for. */
    PullSettings.Mode mode() {
        if (updateImages && offline) {
            throw new ParameterException(mixee.commandLine(), "--update-images asks registries what the tags mean"
                    + " now; it cannot be --offline");
        }
        return offline ? PullSettings.Mode.OFFLINE : updateImages ? PullSettings.Mode.UPDATE : PullSettings.Mode.PINNED;
    }

    /** Pull settings from the process environment, notices (a moved tag, a written lock file) to {@code notices}. */
    PullSettings settings(PrintWriter notices) {
        return settings(System.getenv(), notices);
    }

    PullSettings settings(Map<String, String> env, PrintWriter notices) {
        return PullSettings.fromEnvironment(mode(), env, notice -> {
            notices.println(notice);
            notices.flush();
        });
    }
}
