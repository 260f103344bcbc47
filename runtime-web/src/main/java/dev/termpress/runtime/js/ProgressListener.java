package dev.termpress.runtime.js;

import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/** Told how many bytes of a download have arrived so far. */
@JSFunctor
public interface ProgressListener extends JSObject {

    void progress(double bytes);
}
