/** Work packages, label tasks with double annotation by distinct people, expert review and final labels. */
package io.refinery.engine.labeling;
