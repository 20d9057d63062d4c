/** Source files of a dataset version in the browser: chunked, resumable upload with progress, SHA-256 and preview. */
package io.refinery.designer.sources;
