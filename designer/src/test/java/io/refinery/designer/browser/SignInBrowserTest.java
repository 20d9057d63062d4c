package io.refinery.designer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.designer.RefineryApplication;
import io.refinery.engine.dataset.Demand;
import io.refinery.engine.dataset.DemandService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * End to end in a real browser against the production frontend bundle: the whole platform on a random port, an
 * in-memory H2, headless Chromium. Sign in, see the task list, switch language, sign out; roles; a wrong password.
 * It runs in surefire with the browserless tests (the production bundle is in target/classes from process-classes on),
 * so that it runs exactly once under any {@code -Dtest} pattern too.
 */
@SpringBootTest(classes = RefineryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:designer-browser;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
@DirtiesContext // stop this server and its engine when the class is done
class SignInBrowserTest extends BrowserTestSupport {
    private static final String DATASET = "browser-test-news";

    @Autowired
    private DemandService demands;

    @Test
    void shouldSignInSeeTheDemandToApproveSwitchToChineseAndSignOut() {
        demands.start(new Demand(DATASET, "browser test", "text-classification", List.of("sport", "politics"), null,
                10, null, null, "upload", null, null, null, null, null), "manager");
        LoginPage login = LoginPage.open(browser);
        assertThat(login.title()).isEqualTo("Refinery 数据精炼");
        browser.screenshot("01-login");

        TasksPage tasks = login.signIn("manager", "manager");
        tasks.awaitCell(DATASET);
        assertThat(tasks.cellTexts()).contains("Approve demand", "Demand approval", DATASET, "unclaimed · managers");
        assertThat(tasks.title()).isEqualTo("My tasks");
        assertThat(tasks.count()).matches("\\d+ open tasks?");
        assertThat(tasks.userName()).isEqualTo("Mia Manager 王经理 (manager)");
        browser.screenshot("02-manager-tasks");

        tasks.switchTo("language-zh", "我的任务");
        tasks.awaitCell("审批需求");
        assertThat(tasks.cellTexts()).contains("任务", "类型", "数据集", "需求审批", DATASET);
        assertThat(tasks.count()).matches("共 \\d+ 个待办任务");
        browser.screenshot("03-manager-tasks-zh");

        LoginPage again = tasks.signOut();
        assertThat(again.errorShown()).isFalse();
        browser.screenshot("04-signed-out");
        browser.open("/");
        new LoginPage(browser); // the task list needs a sign-in again
    }

    @Test
    void shouldNotOfferTheDemandToAnAnnotator() {
        demands.start(new Demand(DATASET + "-2", "browser test", "text-classification", List.of("a", "b"), null,
                10, null, null, "upload", null, null, null, null, null), "manager");
        LoginPage login = LoginPage.open(browser);
        login.switchToChinese();
        TasksPage tasks = login.signIn("ann1", "ann1");

        browser.textIs(By.tagName("h2"), "我的任务"); // the language chosen before signing in stays
        browser.await(d -> !tasks.count().isBlank());
        assertThat(tasks.cellTexts()).doesNotContain("审批需求", "Approve demand", DATASET + "-2");
        assertThat(tasks.userName()).isEqualTo("Anna Annotator 李 (ann1)");
        browser.screenshot("05-annotator-tasks-zh");
    }

    @Test
    void shouldRefuseAWrongPassword() {
        LoginPage login = LoginPage.open(browser).signInWrongly("expert", "not-the-password");

        assertThat(login.errorText()).contains("Wrong user name or password");
        browser.screenshot("06-wrong-password");

        login.switchToChinese();
        assertThat(login.errorText()).contains("用户名或密码错误");
        browser.screenshot("07-wrong-password-zh");
    }
}
