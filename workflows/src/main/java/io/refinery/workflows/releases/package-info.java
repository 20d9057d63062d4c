/** The public format of a release folder, as the release worker writes it and the engine's catalog serves it. */
package io.refinery.workflows.releases;
