package dev.termpress.runtime.js;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** Typed reads of parsed JSON; wrong types read as absent so the caller can name what is missing. */
public final class JsJson {

    private JsJson() {
    }

    @JSBody(params = "text", script = "return JSON.parse(text);")
    public static native JSObject parse(String text);

    /** Whether {@code value} is JSON text; {@link #parse} throws otherwise. */
    @JSBody(params = "text", script = "try { JSON.parse(text); return true; } catch (e) { return false; }")
    public static native boolean isJson(String text);

    @JSBody(params = "value", script = "return String(value);")
    public static native String text(JSObject value);

    @JSBody(params = { "object", "key" },
            script = "const v = object == null ? undefined : object[key]; return typeof v === 'string' ? v : null;")
    public static native String string(JSObject object, String key);

    /** A number field, or -1 when absent or not a number. */
    @JSBody(params = { "object", "key" },
            script = "const v = object == null ? undefined : object[key]; return typeof v === 'number' ? v : -1;")
    public static native double number(JSObject object, String key);

    @JSBody(params = { "object", "key" },
            script = "const v = object == null ? undefined : object[key]; return typeof v === 'boolean' && v;")
    public static native boolean flag(JSObject object, String key);

    @JSBody(params = { "object", "key" }, script = "const v = object == null ? undefined : object[key];"
            + "return v !== null && typeof v === 'object' ? v : null;")
    public static native JSObject object(JSObject object, String key);

    /** The length of an array field, or -1 when absent or not an array. */
    @JSBody(params = { "object", "key" },
            script = "const v = object == null ? undefined : object[key]; return Array.isArray(v) ? v.length : -1;")
    public static native int arrayLength(JSObject object, String key);

    @JSBody(params = { "object", "key", "index" }, script = "return object[key][index];")
    public static native JSObject element(JSObject object, String key, int index);

    @JSBody(params = { "object", "key", "index" },
            script = "const v = object[key][index]; return typeof v === 'string' ? v : null;")
    public static native String stringElement(JSObject object, String key, int index);

    /** A typed-array field's bytes (the page sends keystrokes as a Uint8Array), or null. */
    @JSBody(params = { "object", "key" }, script = "const v = object == null ? undefined : object[key];"
            + "return ArrayBuffer.isView(v) ? new Int8Array(v.buffer, v.byteOffset, v.byteLength) : null;")
    public static native org.teavm.jso.typedarrays.Int8Array bytes(JSObject object, String key);
}
