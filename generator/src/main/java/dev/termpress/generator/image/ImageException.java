package dev.termpress.generator.image;

/** An image that cannot be used; the message names the file and what would be valid. */
public class ImageException extends Exception {

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
