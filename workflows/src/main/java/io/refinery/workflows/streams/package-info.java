/** Streams both sides use: the one byte-counting output stream (count, optional limit and digest). */
package io.refinery.workflows.streams;
