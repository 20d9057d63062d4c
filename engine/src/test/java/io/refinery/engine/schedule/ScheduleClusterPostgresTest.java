package io.refinery.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.dataset.Demand;
import io.refinery.engine.dataset.DemandService;
import io.refinery.engine.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two engine nodes on one PostgreSQL database: Quartz's clustered job store fires each due time of a schedule on one
 * node only, so a schedule never starts the same run twice.
 */
class ScheduleClusterPostgresTest {

    private static ConfigurableApplicationContext node(String name, String url, Path dataDir) {
        return new SpringApplicationBuilder(HeadlessEngine.class).profiles("postgres").run("--server.port=0",
                "--refinery.data-dir=" + dataDir, "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--camunda.bpm.process-engine-name=" + name,
                "--camunda.bpm.job-execution.enabled=false", "--spring.quartz.auto-startup=true", "--spring.quartz.scheduler-name=refinery");
    }

    @Test
    void shouldFireEachDueTimeOnceAcrossTwoNodes() throws Exception {
        String url = TestPostgres.freshDatabase("refinery_schedules_cluster_test");
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "cluster-").toAbsolutePath();
        try (ConfigurableApplicationContext a = node("nodeA", url, dataDir);
             ConfigurableApplicationContext b = node("nodeB", url, dataDir)) {
            DemandService.Started demand = a.getBean(DemandService.class).start(new Demand("cluster", null,
                    "text-classification", List.of("x", "y"), null, 10, null, null, "upload", null, null, null, null,
                    null), "manager");
            Schedules schedules = b.getBean(Schedules.class);
            Schedule schedule = schedules.create(new ScheduleSpec("every second", "collect", "* * * * * ?", "UTC",
                    demand.datasetId(), "cluster", true, null, null, null, null), "manager");

            Thread.sleep(12_000);
            schedules.pause(schedule.id());
            Thread.sleep(1_500);

            List<Firing> firings = a.getBean(Schedules.class).firings(schedule.id(), 1000);
            assertThat(firings).hasSizeGreaterThanOrEqualTo(4);
            assertThat(firings).allMatch(Firing::started);
            Set<Object> dueTimes = firings.stream().map(Firing::scheduledFor).collect(Collectors.toSet());
            assertThat(dueTimes).as("each due time fired once").hasSize(firings.size());
            Set<String> versions = firings.stream().map(f -> String.valueOf(f.versionId())).collect(Collectors.toSet());
            assertThat(versions).hasSize(firings.size());
            System.out.println("cluster: " + firings.size() + " firings in ~12 s on nodes "
                    + firings.stream().collect(Collectors.groupingBy(Firing::node, Collectors.counting())));
        }
    }
}
