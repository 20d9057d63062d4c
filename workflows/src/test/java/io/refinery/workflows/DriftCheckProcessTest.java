package io.refinery.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.refinery.workflows.Processes.DriftSteps;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Both paths of drift-check.bpmn: within limits it ends, over a limit a manager gets a task naming the drift. */
@Deployment(resources = "processes/drift-check.bpmn")
class DriftCheckProcessTest {
    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().build();

    ProcessEngine processEngine;

    private ProcessInstance start(Map<String, Object> limits) {
        Map<String, Object> vars = new HashMap<>(limits);
        vars.put(Vars.NAME, "support-tickets");
        vars.put(Vars.DATASET_ID, 1L);
        vars.put(Vars.DRIFT_REFERENCE_VERSION_ID, 1L);
        vars.put(Vars.DRIFT_VERSION_ID, 2L);
        return processEngine.getRuntimeService().startProcessInstanceByKey(Processes.DRIFT_CHECK, vars);
    }

    /** Fetches the drift-check job as the worker would (with its variables) and completes it with these metrics. */
    private Map<String, Object> measure(double psi, double tvd, double anomalyRatio, String summary) {
        ExternalTaskService external = processEngine.getExternalTaskService();
        List<LockedExternalTask> locked = external.fetchAndLock(1, "test").topic(Topics.DRIFT_CHECK, 10_000).execute();
        assertThat(locked).hasSize(1);
        Map<String, Object> seen = new HashMap<>(locked.get(0).getVariables());
        external.complete(locked.get(0).getId(), "test", Map.of(Vars.DRIFT_PSI, psi, Vars.DRIFT_TVD, tvd,
                Vars.DRIFT_ANOMALY_RATIO, anomalyRatio, Vars.DRIFT_SUMMARY, summary));
        return seen;
    }

    @Test
    void shouldEndWithoutATaskWhenEveryMetricIsWithinTheDefaultLimits() {
        ProcessInstance pi = start(Map.of());
        assertThat(pi).isWaitingAt(DriftSteps.CHECK).externalTask().hasTopicName(Topics.DRIFT_CHECK);

        Map<String, Object> seen = measure(0.19, 0.29, 0.04, "");

        assertThat(seen).containsEntry(Vars.MAX_PSI, 0.2).containsEntry(Vars.MAX_TVD, 0.3)
                .containsEntry(Vars.MAX_ANOMALY_RATIO, 0.05);
        assertThat(pi).isEnded().hasPassed(DriftSteps.END_WITHIN_LIMITS);
    }

    @Test
    void shouldOpenATaskForTheManagersNamingTheDriftWhenPsiCrossesItsLimit() {
        ProcessInstance pi = start(Map.of());

        measure(0.31, 0.1, 0.0, "PSI 0.31 > 0.2");

        assertThat(pi).isWaitingAt(DriftSteps.REVIEW);
        assertThat(task(pi).getName()).isEqualTo("Drift on dataset support-tickets: PSI 0.31 > 0.2");
        List<IdentityLink> links = processEngine.getTaskService().getIdentityLinksForTask(task(pi).getId());
        assertThat(links).extracting(IdentityLink::getGroupId).containsExactly(Groups.MANAGERS);

        processEngine.getTaskService().complete(task(pi).getId());
        assertThat(pi).isEnded().hasPassed(DriftSteps.END_REVIEWED);
    }

    @Test
    void shouldUseOnlyTheSharedNamesInItsExpressions() throws Exception {
        String xml;
        try (var in = getClass().getClassLoader().getResourceAsStream("processes/drift-check.bpmn")) {
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&");
        }
        java.util.Set<String> vars = new java.util.HashSet<>();
        for (java.lang.reflect.Field f : Vars.class.getFields()) {
            vars.add((String) f.get(null));
        }
        java.util.regex.Matcher expression = java.util.regex.Pattern.compile("\\$\\{([^}]*)}").matcher(xml);
        int count = 0;
        while (expression.find()) {
            count++;
            String body = expression.group(1).replaceAll("'[^']*'", "");
            java.util.regex.Matcher name = java.util.regex.Pattern.compile("(?<![.\\w])([a-zA-Z]\\w*)\\b(?!\\s*\\()").matcher(body);
            while (name.find()) {
                if (!name.group(1).equals("execution") && !name.group(1).equals("null")) {
                    assertThat(vars).as("variable in ${%s}", expression.group(1)).contains(name.group(1));
                }
            }
        }
        assertThat(count).isEqualTo(6);
        assertThat(xml).contains("camunda:topic=\"" + Topics.DRIFT_CHECK + "\"");
    }

    @Test
    void shouldTakeTheLimitsTheStarterGaveInsteadOfTheDefaults() {
        ProcessInstance strict = start(Map.of(Vars.MAX_PSI, 0.5, Vars.MAX_TVD, 0.5, Vars.MAX_ANOMALY_RATIO, 0.01));
        measure(0.31, 0.1, 0.02, "anomaly ratio 0.02 > 0.01");
        assertThat(strict).isWaitingAt(DriftSteps.REVIEW);

        ProcessInstance lenient = start(Map.of(Vars.MAX_PSI, 0.5, Vars.MAX_TVD, 0.5, Vars.MAX_ANOMALY_RATIO, 0.5));
        measure(0.31, 0.1, 0.02, "");
        assertThat(lenient).isEnded().hasPassed(DriftSteps.END_WITHIN_LIMITS);
    }
}
