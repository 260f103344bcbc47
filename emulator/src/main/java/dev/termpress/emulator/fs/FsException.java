package dev.termpress.emulator.fs;

/**
 * A failed filesystem or protocol operation, carrying the Linux errno the guest sees. Instances are
 * shared per errno and created once: a guest looks up missing names all the time, and in WebAssembly GC
 * capturing a stack per throw costs tens of microseconds (DESIGN §5).
 */
public final class FsException extends Exception {

    private static final int MAX_ERRNO = 133;
    private static final FsException[] BY_ERRNO = new FsException[MAX_ERRNO + 1];

    static {
        for (int i = 0; i <= MAX_ERRNO; i++) {
            BY_ERRNO[i] = new FsException(i);
        }
    }

    private final int errno;

    private FsException(int errno) {
        super("errno " + errno);
        this.errno = errno;
    }

    /** The shared exception for {@code errno}; unknown numbers become EIO. */
    public static FsException of(int errno) {
        return errno > 0 && errno <= MAX_ERRNO ? BY_ERRNO[errno] : BY_ERRNO[Errno.EIO];
    }

    /** The Linux errno. */
    public int errno() {
        return errno;
    }
}
