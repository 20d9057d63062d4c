package io.refinery.designer.browser;

import io.refinery.workers.WorkerMain;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.runtime.TopicHandler;
import io.refinery.workers.runtime.WorkerRuntime;
import io.refinery.workers.runtime.WorkerSettings;
import java.nio.file.Path;

/** Real workers for a browser test's platform: every topic's handler, talking to it over HTTP as a remote one would. */
final class InJvmWorkers {
    private InJvmWorkers() {
    }

    /** Starts a worker with two threads; {@code collectRoot} may be null (no folder sources). */
    static WorkerRuntime start(int port, String workerId, Path collectRoot, Path workDir) throws Exception {
        String url = "http://localhost:" + port;
        WorkerRuntime workers = new WorkerRuntime(WorkerSettings.defaults(url, "worker", "worker")
                .withWorkerId(workerId).withThreads(2));
        for (TopicHandler handler : WorkerMain.handlers(new EngineApi(url, "worker", "worker"), collectRoot, workDir)) {
            workers.register(handler);
        }
        workers.start();
        return workers;
    }
}
