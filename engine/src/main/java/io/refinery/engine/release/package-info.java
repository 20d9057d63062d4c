/** Immutable released versions: files uploaded by the release worker, sealed against their manifest, listed and downloaded. */
package io.refinery.engine.release;
