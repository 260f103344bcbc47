package dev.termpress.runtime.js;

import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/** Receives the {@code data} of each message the page posts to the worker. */
@JSFunctor
public interface MessageHandler extends JSObject {

    void handle(JSObject data);
}
