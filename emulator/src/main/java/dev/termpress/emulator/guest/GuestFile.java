package dev.termpress.emulator.guest;

/**
 * A file the host puts into the guest's writable layer before the block's commands run (a page's file
 * blocks and a demo block's {@code files=DIR}).
 *
 * @param path the absolute, normalised guest path ({@code /workspace/app.py})
 * @param content the file's bytes
 * @param permissions the permission bits ({@code 0644}, {@code 0755})
 */
public record GuestFile(String path, byte[] content, int permissions) {

    public GuestFile {
        String problem = GuestFiles.pathProblem(path);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        permissions &= 07777;
    }
}
