package io.refinery.workflows;

import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** What the plan-round worker completes with, and the wave jobs the job executor would run after it. */
final class WaveJobs {
    private WaveJobs() {
    }

    /** The plan-round step's variables for a round of {@code labelTasks} tasks (overlap 2, as the demand default). */
    static Map<String, Object> planned(int labelTasks) {
        return LabelWaves.of(labelTasks, 2).variables();
    }

    /** Runs the instance's pending asynchronous continuations (the waves), not its timers; returns how many. */
    static int run(ManagementService management, String processInstanceId) {
        int ran = 0;
        for (Job job = next(management, processInstanceId); job != null; job = next(management, processInstanceId)) {
            management.executeJob(job.getId());
            ran++;
        }
        return ran;
    }

    private static Job next(ManagementService management, String processInstanceId) {
        return management.createJobQuery().processInstanceId(processInstanceId).messages().executable().list().stream()
                .findFirst().orElse(null);
    }
}
