package io.refinery.engine.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.dataset.Demand;
import io.refinery.engine.dataset.DemandService;
import io.refinery.engine.support.ApiCalls;
import io.refinery.workflows.Processes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** {@code GET /api/models/definitions/{id}/counts}: the runs of a deployed version per element, for the modelers. */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/process-counts",
                "spring.datasource.url=jdbc:h2:mem:process-counts;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
class ProcessCountsApiTest {
    @Value("${local.server.port}")
    int port;
    @Autowired
    DemandService demands;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;

    private DemandService.Started demand(String name) {
        return demands.start(new Demand(name, null, "text-classification", List.of("a", "b"), null, 10, null, null,
                "upload", null, null, null, null, null), "manager");
    }

    @Test
    void shouldCountTheRunsAtAndThroughEachElement() throws Exception {
        DemandService.Started waiting = demand("counts-waiting");
        DemandService.Started rejected = demand("counts-rejected");
        tasks.complete(tasks.createTaskQuery().processInstanceId(rejected.processInstanceId()).singleResult().getId(),
                Map.of("approved", false));
        String definitionId = runtime.createProcessInstanceQuery().processInstanceId(waiting.processInstanceId())
                .singleResult().getProcessDefinitionId();
        ApiCalls api = new ApiCalls(port);

        ApiCalls.Answer answer = api.call("GET", "/api/models/definitions/" + definitionId + "/counts", "manager",
                null);

        assertThat(answer.status()).isEqualTo(200);
        Map<String, JsonNode> byElement = new HashMap<>();
        answer.body().forEach(c -> byElement.put(c.path("activityId").asText(), c));
        assertThat(byElement.get(Processes.Steps.DEMAND_APPROVAL).path("running").asLong()).isEqualTo(1);
        assertThat(byElement.get(Processes.Steps.DEMAND_APPROVAL).path("finished").asLong()).isEqualTo(1);
        assertThat(byElement.get(Processes.Steps.END_REJECTED).path("finished").asLong()).isEqualTo(1);
        assertThat(byElement).doesNotContainKey(Processes.Steps.COLLECT);

        assertThat(api.call("GET", "/api/models/definitions/" + definitionId + "/counts", "ann1", null).status())
                .isEqualTo(403);
        assertThat(api.call("GET", "/api/models/definitions/nope:1:x/counts", "manager", null).status())
                .isEqualTo(404);
    }
}
