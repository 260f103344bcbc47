package dev.termpress.runtime.js;

import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/** A Java callback JavaScript can call without arguments. */
@JSFunctor
public interface JsCallback extends JSObject {

    void call();
}
