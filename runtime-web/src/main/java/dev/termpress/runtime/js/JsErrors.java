package dev.termpress.runtime.js;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** JavaScript errors made from Java, and warnings on the worker's console. */
public final class JsErrors {

    private JsErrors() {
    }

    /** A JavaScript {@code Error} with {@code message}, to reject a promise with. */
    @JSBody(params = "message", script = "return new Error(message);")
    public static native JSObject error(String message);

    /** A warning in the browser's console (something went wrong but the runtime recovered). */
    @JSBody(params = "message", script = "console.warn(message);")
    public static native void warn(String message);
}
