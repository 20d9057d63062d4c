/** The worker's HTTP client for the engine's product API (/api): NDJSON streams in and out, JSON calls, file uploads. */
package io.refinery.workers.api;
