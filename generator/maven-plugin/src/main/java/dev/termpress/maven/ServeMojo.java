package dev.termpress.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Serves the site on localhost and rebuilds it as its files change, as {@code termpress serve};
 * runs until Maven is stopped (Ctrl-C). Not bound to a phase: {@code mvn termpress:serve}.
 */
@Mojo(name = "serve", threadSafe = true)
public final class ServeMojo extends SiteMojo {

    /** The port to listen on. */
    @Parameter(property = "termpress.port", defaultValue = "4000")
    int port;

    /** The address to listen on. */
    @Parameter(property = "termpress.bind", defaultValue = "127.0.0.1")
    String bind;

    @Override
    String verb() {
        return "serve";
    }

    @Override
    void addOptions(List<String> args) {
        args.add("--port");
        args.add(String.valueOf(port));
        args.add("--bind");
        args.add(bind);
    }
}
