package io.refinery.designer.decision;

import io.refinery.engine.dataset.DemandService;
import io.refinery.workflows.Processes;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A drift-check run that crossed its limits, as the drift worker leaves it: the check completed with PSI 0.879 and
 * TVD 0.5, the result stored (billing 80 / refund 20 released, 30 / 70 new), the managers' review task open.
 */
public final class DriftFixture {
    private DriftFixture() {
    }

    /** The open review task of a new drift-check run on {@code demand}'s dataset. */
    public static Task overLimit(ApplicationContext context, DemandService.Started demand) {
        RuntimeService runtime = context.getBean(RuntimeService.class);
        ExternalTaskService externalTasks = context.getBean(ExternalTaskService.class);
        String run = runtime.startProcessInstanceByKey(Processes.DRIFT_CHECK, Map.of(Vars.NAME, "drifting",
                Vars.DATASET_ID, demand.datasetId())).getId();
        String check = externalTasks.createExternalTaskQuery().processInstanceId(run).topicName(Topics.DRIFT_CHECK)
                .singleResult().getId();
        externalTasks.lock(check, "drift-test", 60_000);
        externalTasks.complete(check, "drift-test", Map.of(Vars.DRIFT_PSI, 0.879, Vars.DRIFT_TVD, 0.5,
                Vars.DRIFT_ANOMALY_RATIO, 0.0125, Vars.DRIFT_SUMMARY, "PSI 0.879 > 0.2, TVD 0.5 > 0.3"));
        context.getBean(JdbcTemplate.class).update("INSERT INTO drift_result (process_instance_id, dataset_id,"
                        + " reference_version_id, new_version_id, psi, tvd, anomaly_ratio, exceeded, report_json, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                run, demand.datasetId(), demand.versionId(), demand.versionId(), 0.879, 0.5, 0.0125, true,
                "{\"referenceClasses\":{\"billing\":80,\"refund\":20},\"newClasses\":{\"billing\":30,\"refund\":70}}",
                Timestamp.from(Instant.now()));
        return context.getBean(TaskService.class).createTaskQuery().processInstanceId(run)
                .taskDefinitionKey(Processes.DriftSteps.REVIEW).singleResult();
    }
}
