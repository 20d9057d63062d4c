/** Cross-cutting configuration: security, identities, properties, blob store, error responses. */
package io.refinery.engine.system;
