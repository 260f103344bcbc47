package dev.termpress.generator.serve;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The local server of {@code termpress serve}: static files, byte ranges and live reload. */
public final class DevServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final LiveReload liveReload = new LiveReload();

    /**
     * Starts serving {@code root}.
     *
     * @param root the built site
     * @param address where to listen; port 0 picks a free port
     * @param liveReload whether HTML pages get the reload script
     */
    public DevServer(Path root, InetSocketAddress address, boolean liveReload) throws IOException {
        this.server = HttpServer.create(address, 0);
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "termpress-serve");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", new StaticFileHandler(root, liveReload));
        server.createContext(LiveReload.PATH, this.liveReload);
        server.start();
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The live reload channel, to tell pages about rebuilds. */
    public LiveReload liveReload() {
        return liveReload;
    }

    @Override
    public void close() {
        liveReload.closeAll();
        server.stop(0);
        executor.shutdownNow();
    }
}
