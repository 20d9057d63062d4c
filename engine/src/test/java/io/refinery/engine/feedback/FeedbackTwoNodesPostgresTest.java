package io.refinery.engine.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.catalog.CatalogFixture;
import io.refinery.engine.support.TestPostgres;
import io.refinery.workflows.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two engine nodes on one PostgreSQL database take model-error posts for the same dataset at the same moment: the
 * first posts must open one feedback run between them, and every later post join it.
 */
class FeedbackTwoNodesPostgresTest {
    private static final List<String> LABELS = List.of("billing", "refund", "delivery");
    private static final int ROUNDS = 6;

    private static ConfigurableApplicationContext node(String name, String url, Path dataDir) {
        return new SpringApplicationBuilder(HeadlessEngine.class).profiles("postgres").run("--server.port=0",
                "--refinery.data-dir=" + dataDir, "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--camunda.bpm.process-engine-name=" + name, "--camunda.bpm.job-execution.enabled=false");
    }

    @Test
    void shouldOpenOneRunWhenTwoNodesTakeTheFirstPostsAtOnce() throws Exception {
        String url = TestPostgres.freshDatabase("refinery_feedback_nodes_test");
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "feedback-nodes-")
                .toAbsolutePath();
        ObjectMapper json = new ObjectMapper();
        try (ConfigurableApplicationContext a = node("feedbackA", url, dataDir);
             ConfigurableApplicationContext b = node("feedbackB", url, dataDir)) {
            CatalogFixture fixture = new CatalogFixture(a);
            List<FeedbackLoop> nodes = List.of(a.getBean(FeedbackLoop.class), b.getBean(FeedbackLoop.class));
            List<Long> datasets = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    long datasetId = fixture.dataset("feedback-nodes-" + round);
                    fixture.version(datasetId, LABELS, CatalogFixture.items("ticket", 5, LABELS));
                    datasets.add(datasetId);
                    CyclicBarrier together = new CyclicBarrier(2);
                    List<Future<FeedbackLoop.Posted>> posts = new ArrayList<>();
                    for (FeedbackLoop node : nodes) {
                        JsonNode body = json.valueToTree(Map.of("errors", List.of(Map.of(
                                "text", "node post " + posts.size() + " round " + round,
                                "predicted", "billing", "expected", "refund"))));
                        posts.add(pool.submit(() -> {
                            together.await(30, TimeUnit.SECONDS);
                            return node.post(datasetId, body, "consumer");
                        }));
                    }
                    List<FeedbackLoop.Posted> results = new ArrayList<>();
                    for (Future<FeedbackLoop.Posted> post : posts) {
                        results.add(post.get(60, TimeUnit.SECONDS));
                    }
                    assertThat(results).extracting(FeedbackLoop.Posted::runId).as("round %d", round)
                            .containsOnly(results.get(0).runId());
                    assertThat(results).filteredOn(FeedbackLoop.Posted::joined).as("round %d", round).hasSize(1);
                }
            } finally {
                pool.shutdownNow();
            }
            RuntimeService runtime = a.getBean(RuntimeService.class);
            JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
            for (long datasetId : datasets) {
                assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(Processes.MODEL_FEEDBACK)
                        .processInstanceBusinessKey("dataset-" + datasetId).count()).as("runs of dataset %d", datasetId)
                        .isEqualTo(1);
                assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT run_id) FROM model_feedback WHERE dataset_id = ?",
                        Long.class, datasetId)).isEqualTo(1);
            }
        }
    }
}
