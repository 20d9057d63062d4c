package io.refinery.workers.runtime;

import java.util.List;
import java.util.Map;

/** One handler per topic: a thin adapter from a fetched job to a plain service. */
public interface TopicHandler {

    String topic();

    /** Process variables the job needs (fetched with the task: only small values). */
    List<String> variables();

    /**
     * Does the work and returns the variables to complete the task with. Must be safe to run twice for the same
     * job (a lock can expire and the job be delivered again): writes are keyed, never appended.
     */
    Map<String, Object> handle(Job job) throws Exception;
}
