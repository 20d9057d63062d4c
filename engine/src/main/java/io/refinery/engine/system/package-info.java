/** Cross-cutting configuration and plumbing: security, identities, properties, blob store, error responses, NDJSON and counted streams. */
package io.refinery.engine.system;
