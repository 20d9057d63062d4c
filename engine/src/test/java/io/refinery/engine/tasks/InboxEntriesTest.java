package io.refinery.engine.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.tasks.TaskView;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The inbox entries follow every way a task changes through the engine (claim, unclaim, candidate groups and users
 * added and removed, due date and priority, complete, process instance deleted) and can be rebuilt from the engine's
 * tables with the same result.
 */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/inbox-entries",
                "spring.datasource.url=jdbc:h2:mem:inbox-entries;DB_CLOSE_DELAY=-1"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxEntriesTest {
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    InboxEntries entries;
    @Autowired
    Inbox inbox;

    private InboxFixture fixture;

    @BeforeAll
    void deploy() {
        fixture = new InboxFixture(repository, runtime, jdbc);
        fixture.deploy();
    }

    private List<String> audiences(String taskId) {
        return jdbc.queryForList("SELECT audience FROM inbox_entry WHERE task_id = ? ORDER BY audience", String.class, taskId);
    }

    private Map<String, Object> entry(String taskId) {
        return jdbc.queryForMap("SELECT * FROM inbox_entry WHERE task_id = ? AND audience = '*'", taskId);
    }

    @Test
    void entriesFollowTheTask() {
        Instant due = Instant.now().plus(Duration.ofHours(5));
        InboxFixture.Build build = fixture.build("entries-a", "teamA", 2, 2, 2, 0, due, 60);
        List<Task> label = tasks.createTaskQuery().processInstanceId(build.processInstanceId()).taskDefinitionKey("label").list();
        assertThat(label).hasSize(4);
        String id = label.get(0).getId();

        assertThat(audiences(id)).containsExactly("*", "g:teamA");
        Map<String, Object> row = entry(id);
        assertThat(row.get("TASK_KEY")).isEqualTo("label");
        assertThat(((Number) row.get("ROUND")).intValue()).isEqualTo(2);
        assertThat(((Number) row.get("PRIORITY")).intValue()).isEqualTo(60);
        assertThat(row.get("PROCESS_INSTANCE")).isEqualTo(build.processInstanceId());

        tasks.claim(id, "ann1");
        assertThat(audiences(id)).containsExactly("*", "u:ann1");
        assertThat(entry(id).get("ASSIGNEE")).isEqualTo("ann1");
        tasks.setAssignee(id, null);
        assertThat(audiences(id)).containsExactly("*", "g:teamA");

        tasks.addCandidateGroup(id, "teamB");
        tasks.addCandidateUser(id, "ann2");
        assertThat(audiences(id)).containsExactly("*", "g:teamA", "g:teamB", "u:ann2");
        tasks.deleteCandidateGroup(id, "teamA");
        assertThat(audiences(id)).containsExactly("*", "g:teamB", "u:ann2");

        Date later = Date.from(due.plus(Duration.ofDays(1)));
        tasks.setDueDate(id, later);
        tasks.setPriority(id, 90);
        assertThat(((java.sql.Timestamp) entry(id).get("DUE")).getTime()).isEqualTo(later.getTime());
        assertThat(((Number) entry(id).get("PRIORITY")).intValue()).isEqualTo(90);

        tasks.complete(label.get(1).getId());
        assertThat(audiences(label.get(1).getId())).isEmpty();

        runtime.deleteProcessInstance(build.processInstanceId(), "test", true); // skip custom listeners: ours still runs
        assertThat(audiences(id)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox_entry WHERE process_instance = ?", Long.class,
                build.processInstanceId())).isZero();
    }

    @Test
    void aTaskOfferedToTwoOfMyGroupsIsListedAndCountedOnce() {
        InboxFixture.Build build = fixture.build("entries-c", "teamD", 1, 2, 1, 0, null, 50);
        List<Task> label = tasks.createTaskQuery().processInstanceId(build.processInstanceId()).taskDefinitionKey("label").list();
        tasks.addCandidateGroup(label.get(0).getId(), "teamE");
        tasks.addCandidateUser(label.get(0).getId(), "dora");
        CurrentUser dora = new CurrentUser("dora", List.of("teamD", "teamE"), List.of(Roles.ANNOTATOR));
        InboxPage page = inbox.page(dora, InboxQuery.mine(0, 50));
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.tasks()).extracting(TaskView::id).containsExactlyInAnyOrder(label.get(0).getId(), label.get(1).getId());
        assertThat(page.counts().group()).isEqualTo(2);
    }

    @Test
    void rebuildGivesTheSameEntries() {
        InboxFixture.Build build = fixture.build("entries-b", "teamC", 3, 2, 1, 0, null, 10);
        List<Task> label = tasks.createTaskQuery().processInstanceId(build.processInstanceId()).taskDefinitionKey("label").list();
        tasks.claim(label.get(0).getId(), "ann3");
        tasks.addCandidateUser(label.get(1).getId(), "ann2");
        String select = "SELECT audience, task_id, assignee, task_key, round, process_instance, definition_id, name,"
                + " created, due, priority FROM inbox_entry ORDER BY task_id, audience";
        List<Map<String, Object>> kept = jdbc.queryForList(select);
        assertThat(entries.inSync()).isTrue();

        jdbc.update("DELETE FROM inbox_entry WHERE task_id = ?", label.get(2).getId());
        assertThat(entries.inSync()).isFalse();
        entries.resync();
        assertThat(entries.inSync()).isTrue();
        assertThat(jdbc.queryForList(select)).isEqualTo(kept);
    }
}
