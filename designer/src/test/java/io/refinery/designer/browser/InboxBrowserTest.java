package io.refinery.designer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.designer.RefineryApplication;
import io.refinery.engine.tasks.InboxFixture;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The inbox in a real browser: the manager widens the list to the team, filters it by dataset, selects two tasks and
 * assigns them to ann1 in one go; ann1 signs in and finds them as her own.
 */
@SpringBootTest(classes = RefineryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:designer-inbox-browser;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
@DirtiesContext
class InboxBrowserTest extends BrowserTestSupport {
    private static final String DATASET = "browser-inbox-news";

    @Autowired
    private RepositoryService repository;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void shouldLetTheManagerBulkAssignTwoTasksThatAnn1ThenSees() {
        InboxFixture fixture = new InboxFixture(repository, runtime, jdbc);
        fixture.deploy();
        fixture.build(DATASET, "annotators", 3, 1, 1, 0, Instant.now().plus(Duration.ofHours(5)), 60);
        fixture.build("browser-inbox-late", "annotators", 1, 2, 2, 0, Instant.now().minus(Duration.ofDays(1)), 90);

        TasksPage manager = LoginPage.open(browser).signIn("manager", "manager");
        manager.showWholeTeam().filterDataset(DATASET, DATASET).filterKind("Labelling").awaitCount("3 open tasks");
        assertThat(manager.chip("chip-due-soon")).isEqualTo("Due soon 3");
        browser.screenshot("inbox-01-manager-filtered");

        manager.selectRows(2).assignSelectedTo("ann1", () -> browser.screenshot("inbox-02-assign-dialog"));
        browser.await(d -> manager.cellTexts().stream().filter("ann1"::equals).count() == 2);
        browser.screenshot("inbox-03-manager-assigned");

        TasksPage ann1 = manager.signOut().signIn("ann1", "ann1");
        ann1.awaitCell(DATASET);
        browser.await(d -> ann1.chip("chip-mine").equals("Mine 2"));
        assertThat(ann1.chip("chip-overdue")).isEqualTo("Overdue 2");
        assertThat(ann1.cellTexts()).contains("ann1", "browser-inbox-late");
        assertThat(ann1.cellTexts()).as("overdue rows say so in words").anyMatch(t -> t.startsWith("Overdue"));
        browser.screenshot("inbox-04-ann1-sees-them");
    }
}
