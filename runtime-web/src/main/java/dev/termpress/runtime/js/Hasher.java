package dev.termpress.runtime.js;

import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.ArrayBuffer;

/** The SHA-256 used where SubtleCrypto is missing (pages over plain http): lowercase hex of the bytes' digest. */
@JSFunctor
public interface Hasher extends JSObject {

    String sha256Hex(ArrayBuffer bytes);
}
