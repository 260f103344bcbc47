package dev.termpress.emulator.guest;

import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.Inode;
import dev.termpress.emulator.fs.ReadCallback;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * {@code /.termpress/exit-status}: where termpress-init leaves the program's exit status (a decimal
 * line; 128 + N for a program killed by signal N) before it powers the machine off.
 */
public final class ExitStatusFile {

    /** The file's name in {@link InitConf#DIRECTORY}. */
    public static final String FILE_NAME = "exit-status";
    /** Longer than any status line: only this much is read. */
    private static final int MAX_LENGTH = 16;
    private static final int MAX_STATUS = 255;

    private ExitStatusFile() {
    }

    /**
     * The status the guest's init recorded, read from the filesystem's upper layer after power-off;
     * empty when there is none or it is not a status (the guest could have written anything there).
     */
    public static OptionalInt read(ImageFileSystem fs) {
        Inode directory = fs.entry(fs.root(), InitConf.DIRECTORY);
        Inode file = directory == null || !directory.isDirectory() ? null : fs.entry(directory, FILE_NAME);
        if (file == null || !file.isRegular() || file.isLower()) {
            return OptionalInt.empty();
        }
        String[] text = {null};
        fs.read(file, 0, MAX_LENGTH, new ReadCallback() {
            @Override
            public void data(byte[] data, int offset, int length) {
                text[0] = new String(data, offset, length, StandardCharsets.US_ASCII);
            }

            @Override
            public void failed(int errno) {
                // an upper-layer file cannot fail to read; if it did, there is no status
            }
        });
        return parse(text[0]);
    }

    /** The status in {@code line} ("0\n" to "255\n"), or empty. */
    static OptionalInt parse(String line) {
        int digits = line == null ? 0 : line.length() - 1;
        if (digits < 1 || digits > 3 || line.charAt(digits) != '\n') {
            return OptionalInt.empty();
        }
        int status = 0;
        for (int i = 0; i < digits; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalInt.empty();
            }
            status = status * 10 + (c - '0');
        }
        return status <= MAX_STATUS ? OptionalInt.of(status) : OptionalInt.empty();
    }
}
