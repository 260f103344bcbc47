package dev.termpress.emulator.p9;

/**
 * Where the server sends the reply to one request, now or later. The reply is {@code head} followed by
 * {@code data} (a read's payload, passed separately so it is copied only once); both arrays are only
 * valid during the call. A {@code headLength} of 0 means no reply fits the space the client gave.
 */
public interface Responder {

    /** Delivers one complete R-message. */
    void respond(byte[] head, int headLength, byte[] data, int dataOffset, int dataLength);
}
