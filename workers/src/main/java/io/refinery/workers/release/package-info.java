/** Release: writes an immutable release folder (data, quarantine, quality report, datasheet, checksummed manifest) and verifies it. */
package io.refinery.workers.release;
