/** Worker runtime over the official Camunda external task client: long polling, a handler pool, short locks kept alive by heartbeat. */
package io.refinery.workers.runtime;
