package io.refinery.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.dataset.Demand;
import io.refinery.engine.dataset.DemandService;
import io.refinery.engine.support.ApiCalls;
import io.refinery.workflows.Processes;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * {@code /api/schedules} over HTTP, run on an H2 file and on PostgreSQL by its subclasses: a cron schedule stored in
 * Quartz's tables fires by itself and logs each firing, collection runs are pre-approved, drift checks start their
 * process, errors name the field, and only managers and admins get in.
 */
@DirtiesContext // stops this context's running Quartz scheduler (see src/test/resources/application.properties)
abstract class SchedulesApiContract {
    @Value("${local.server.port}")
    int port;
    @Autowired
    DemandService demands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ExternalTaskService externalTasks;

    ApiCalls api;

    @BeforeEach
    void client() {
        api = new ApiCalls(port);
    }

    DemandService.Started fileDemand(String name) {
        return demands.start(new Demand(name, "schedule test", "text-classification", List.of("billing", "refund"),
                null, 100, null, null, "upload", null, null, null, null, null), "manager");
    }

    static Map<String, Object> collect(String name, long datasetId, String cron) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("kind", "collect");
        body.put("cron", cron);
        body.put("zone", "Asia/Shanghai");
        body.put("datasetId", datasetId);
        body.put("folder", "nightly/inbox");
        return body;
    }

    JsonNode waitForFiring(long scheduleId, Duration timeout) throws Exception {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            JsonNode firings = api.call("GET", "/api/schedules/" + scheduleId + "/firings", "manager", null).body();
            if (firings.size() > 0) {
                return firings.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("schedule " + scheduleId + " did not fire within " + timeout);
    }

    @Test
    void shouldFireACronScheduleByItselfIntoTheDatasetsNextVersionPreApprovedAndLogIt() throws Exception {
        String name = "nightly-" + UUID.randomUUID().toString().substring(0, 8);
        DemandService.Started first = fileDemand(name);

        ApiCalls.Answer created = api.call("POST", "/api/schedules", "manager", collect(name, first.datasetId(), "0/2 * * * * ?"));
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        long id = created.body().path("id").asLong();
        assertThat(created.body().path("createdBy").asText()).isEqualTo("manager");
        assertThat(created.body().path("paused").asBoolean()).isFalse();
        assertThat(Instant.parse(created.body().path("nextFireTime").asText())).isBefore(Instant.now().plusSeconds(3));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_CRON_TRIGGERS WHERE TRIGGER_NAME = ?", Integer.class,
                "schedule-" + id)).isEqualTo(1);

        JsonNode firing = waitForFiring(id, Duration.ofSeconds(20));
        api.call("POST", "/api/schedules/" + id + "/pause", "manager", null);

        assertThat(firing.path("outcome").asText()).as(firing.toString()).isEqualTo("STARTED");
        assertThat(firing.path("firedBy").asText()).isEqualTo("scheduler");
        assertThat(firing.path("scheduledFor").isTextual()).isTrue();
        assertThat(firing.path("durationMs").asLong()).isGreaterThanOrEqualTo(0);
        long versionId = firing.path("versionId").asLong();
        assertThat(versionId).isGreaterThan(first.versionId());
        String pi = firing.path("processInstanceId").asText();
        assertThat(runtime.getVariable(pi, Vars.SOURCE)).isEqualTo("folder:nightly/inbox");
        assertThat(runtime.getVariable(pi, Vars.VERSION_ID)).isEqualTo(versionId);
        assertThat(runtime.getVariable(pi, Vars.SCHEDULE_ID)).isEqualTo(id);
        assertThat(runtime.getVariable(pi, Vars.APPROVED)).isEqualTo(true);
        HistoricTaskInstance approval = history.createHistoricTaskInstanceQuery().processInstanceId(pi)
                .taskDefinitionKey(Processes.Steps.DEMAND_APPROVAL).singleResult();
        assertThat(approval.getAssignee()).isEqualTo("manager");
        assertThat(approval.getEndTime()).isNotNull();
        assertThat(externalTasks.createExternalTaskQuery().processInstanceId(pi).topicName(Topics.COLLECT).count())
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT created_by FROM dataset_version WHERE id = ?", String.class, versionId))
                .isEqualTo("scheduler");

        JsonNode listed = api.call("GET", "/api/schedules", "admin", null).body();
        JsonNode mine = null;
        for (JsonNode s : listed) {
            if (s.path("id").asLong() == id) {
                mine = s;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("paused").asBoolean()).isTrue();
        assertThat(mine.path("lastFiring").path("outcome").asText()).isEqualTo("STARTED");
        assertThat(mine.path("spec").path("preApproved").asBoolean()).isTrue();

        assertThat(api.call("DELETE", "/api/schedules/" + id, "manager", null).status()).isEqualTo(204);
        assertThat(api.call("GET", "/api/schedules/" + id, "manager", null).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = ?", Integer.class,
                "schedule-" + id)).isZero();
        assertThat(jdbc.queryForObject("SELECT deleted_by FROM schedule WHERE id = ?", String.class, id)).isEqualTo("manager");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM schedule_firing WHERE schedule_id = ?", Integer.class, id))
                .isPositive();
    }

    @Test
    void shouldPauseResumeEditAndRunNowWithTheUserInTheLog() throws Exception {
        String name = "weekly-" + UUID.randomUUID().toString().substring(0, 8);
        DemandService.Started first = fileDemand(name);
        Map<String, Object> body = collect(name, first.datasetId(), "0 0 3 ? * MON");
        body.put("preApproved", false);
        long id = api.call("POST", "/api/schedules", "admin", body).body().path("id").asLong();

        assertThat(api.call("POST", "/api/schedules/" + id + "/pause", "manager", null).body().path("paused").asBoolean()).isTrue();
        body.put("cron", "0 30 4 ? * TUE");
        JsonNode edited = api.call("PUT", "/api/schedules/" + id, "manager", body).body();
        assertThat(edited.path("spec").path("cron").asText()).isEqualTo("0 30 4 ? * TUE");
        assertThat(edited.path("paused").asBoolean()).as("an edit keeps the pause").isTrue();
        assertThat(edited.path("updatedBy").asText()).isEqualTo("manager");
        assertThat(edited.path("createdBy").asText()).isEqualTo("admin");
        JsonNode resumed = api.call("POST", "/api/schedules/" + id + "/resume", "manager", null).body();
        assertThat(resumed.path("paused").asBoolean()).isFalse();
        assertThat(Instant.parse(resumed.path("nextFireTime").asText()).atZone(java.time.ZoneId.of("Asia/Shanghai"))
                .getDayOfWeek()).isEqualTo(java.time.DayOfWeek.TUESDAY);

        ApiCalls.Answer run = api.call("POST", "/api/schedules/" + id + "/run", "manager", null);
        assertThat(run.status()).isEqualTo(201);
        assertThat(run.body().path("outcome").asText()).isEqualTo("STARTED");
        assertThat(run.body().path("firedBy").asText()).isEqualTo("manager");
        assertThat(run.body().path("scheduledFor").isMissingNode() || run.body().path("scheduledFor").isNull()).isTrue();
        String pi = run.body().path("processInstanceId").asText();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult()).isNotNull();
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(pi).unfinished()
                .taskDefinitionKey(Processes.Steps.DEMAND_APPROVAL).count()).as("not pre-approved: waits for a manager")
                .isEqualTo(1);
        api.call("DELETE", "/api/schedules/" + id, "manager", null);
    }

    @Test
    void shouldNameTheFieldOfABadCronZoneOrTarget() throws Exception {
        long datasetId = fileDemand("bad-" + UUID.randomUUID().toString().substring(0, 8)).datasetId();
        Map<String, String> expected = Map.of(
                "0 0 25 * * ?", "hours (field 3) '25'",
                "0 0 2 * *", "has 5 fields",
                "0 0 2 * * * ", "day-of-month and day-of-week",
                "0 61 2 * * ?", "minutes (field 2) '61'",
                "0 0 2 ? * FUNDAY", "day-of-week (field 6) 'FUNDAY'");
        for (var e : expected.entrySet()) {
            ApiCalls.Answer bad = api.call("POST", "/api/schedules", "manager", collect("x", datasetId, e.getKey()));
            assertThat(bad.status()).as(e.getKey()).isEqualTo(400);
            assertThat(bad.body().path("message").asText()).as(e.getKey()).contains("field 'cron'").contains(e.getValue());
        }
        Map<String, Object> zone = collect("x", datasetId, "0 0 2 * * ?");
        zone.put("zone", "Mars/Olympus");
        assertThat(api.call("POST", "/api/schedules", "manager", zone).body().path("message").asText())
                .contains("field 'zone'").contains("Mars/Olympus");
        assertThat(api.call("POST", "/api/schedules", "manager", collect("x", 999_999, "0 0 2 * * ?")).body()
                .path("message").asText()).contains("field 'datasetId'");
        Map<String, Object> drift = Map.of("name", "d", "kind", "drift-check", "cron", "0 0 2 * * ?", "zone", "UTC",
                "referenceVersionId", 999_999);
        assertThat(api.call("POST", "/api/schedules", "manager", drift).body().path("message").asText())
                .contains("field 'referenceVersionId'");
        JsonNode preview = api.call("GET", "/api/schedules/preview?cron=0+0+2+*+*+%3F&zone=UTC", "manager", null).body();
        assertThat(preview.path("nextFireTimes")).hasSize(3);
    }

    @Test
    void shouldStartADriftCheckOfAReleaseAgainstTheNewestVersionAndLogWhenThereIsNothingToCompare() throws Exception {
        String name = "drift-" + UUID.randomUUID().toString().substring(0, 8);
        DemandService.Started released = fileDemand(name);
        jdbc.update("INSERT INTO dataset_release (version_id, dataset_id, label, path, item_count, manifest_sha256,"
                        + " released_by, released_at) VALUES (?, ?, '1.0', ?, 0, ?, 'manager', ?)", released.versionId(),
                released.datasetId(), "/tmp/" + name, "0".repeat(64), Timestamp.from(Instant.now()));
        Map<String, Object> body = new HashMap<>(Map.of("name", "weekly drift", "kind", "drift-check",
                "cron", "0 0 6 ? * MON", "zone", "UTC", "referenceVersionId", released.versionId(), "maxPsi", 0.25));
        long id = api.call("POST", "/api/schedules", "manager", body).body().path("id").asLong();

        JsonNode nothing = api.call("POST", "/api/schedules/" + id + "/run", "manager", null).body();
        assertThat(nothing.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(nothing.path("error").asText()).contains("no version newer than release 1.0");

        DemandService.Started newer = fileDemand(name);
        JsonNode run = api.call("POST", "/api/schedules/" + id + "/run", "manager", null).body();
        assertThat(run.path("outcome").asText()).isEqualTo("STARTED");
        String pi = run.path("processInstanceId").asText();
        assertThat(runtime.getVariables(pi)).containsEntry(Vars.DRIFT_REFERENCE_VERSION_ID, released.versionId())
                .containsEntry(Vars.DRIFT_VERSION_ID, newer.versionId()).containsEntry(Vars.MAX_PSI, 0.25)
                .containsEntry(Vars.MAX_TVD, 0.3).containsEntry(Vars.NAME, name);
        assertThat(externalTasks.createExternalTaskQuery().processInstanceId(pi).topicName(Topics.DRIFT_CHECK).count())
                .isEqualTo(1);
        JsonNode firings = api.call("GET", "/api/schedules/" + id + "/firings", "manager", null).body();
        assertThat(firings).hasSize(2);
        assertThat(firings.get(0).path("outcome").asText()).isEqualTo("STARTED");

        Map<String, Object> result = Map.of("datasetId", released.datasetId(), "referenceVersionId", released.versionId(),
                "newVersionId", newer.versionId(), "psi", 0.31, "tvd", 0.2, "anomalyRatio", 0.01, "exceeded", true,
                "report", Map.of("psiByClass", Map.of("billing", 0.2)));
        assertThat(api.call("PUT", "/api/drift-results/" + pi, "worker", result).status()).isEqualTo(200);
        assertThat(api.call("PUT", "/api/drift-results/" + pi, "worker", result).status()).as("a redo").isEqualTo(200);
        JsonNode stored = api.call("GET", "/api/drift-results/" + pi, "manager", null).body();
        assertThat(stored.path("psi").asDouble()).isEqualTo(0.31);
        assertThat(stored.path("report").path("psiByClass").path("billing").asDouble()).isEqualTo(0.2);
        assertThat(api.call("GET", "/api/drift-results?datasetId=" + released.datasetId(), "admin", null).body()).hasSize(1);
        assertThat(api.call("PUT", "/api/drift-results/" + pi, "manager", result).status()).isEqualTo(403);
        runtime.deleteProcessInstance(pi, "test done");
        api.call("DELETE", "/api/schedules/" + id, "manager", null);
    }

    @Test
    void shouldLetOnlyManagersAndAdminsIn() throws Exception {
        for (String user : List.of("ann1", "expert", "worker")) {
            assertThat(api.call("GET", "/api/schedules", user, null).status()).as(user).isEqualTo(403);
            assertThat(api.call("POST", "/api/schedules", user, collect("x", 1, "0 0 2 * * ?")).status()).as(user)
                    .isEqualTo(403);
            assertThat(api.call("POST", "/api/schedules/1/run", user, null).status()).as(user).isEqualTo(403);
            assertThat(api.call("GET", "/api/drift-results?datasetId=1", user, null).status()).as(user).isEqualTo(403);
        }
    }
}
