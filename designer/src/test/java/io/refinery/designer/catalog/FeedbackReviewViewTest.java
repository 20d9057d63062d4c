package io.refinery.designer.catalog;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import io.refinery.designer.UiTestSupport;
import io.refinery.designer.labeling.TaskRoutes;
import io.refinery.engine.catalog.CatalogFixture;
import io.refinery.engine.feedback.FeedbackLoop;
import io.refinery.engine.tasks.Tasks;
import io.refinery.workflows.Processes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class FeedbackReviewViewTest extends UiTestSupport {
    static final List<String> LABELS = List.of("billing", "delivery", "refund");
    @Autowired
    ApplicationContext context;
    @Autowired
    FeedbackLoop feedback;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    Tasks labeling;

    @Test
    void shouldOpenFromTheInboxShowPredictedVsExpectedAndConfirmOrDiscardEachBeforeCompleting() throws Exception {
        CatalogFixture fixture = new CatalogFixture(context);
        String name = "ui-feedback-" + System.nanoTime();
        long datasetId = fixture.dataset(name);
        fixture.release(fixture.version(datasetId, LABELS, CatalogFixture.items("ticket", 10, LABELS)), 10, false);
        FeedbackLoop.Posted posted = feedback.post(datasetId, new ObjectMapper().valueToTree(Map.of("errors", List.of(
                Map.of("text", "refund my parcel please", "predicted", "delivery", "expected", "refund"),
                Map.of("text", "spam spam", "predicted", "billing", "expected", "delivery", "note", "not a ticket")))),
                "user:consumer");
        Task task = tasks.createTaskQuery().processInstanceId(posted.runId()).singleResult();
        assertThat(TaskRoutes.routeOf(labeling.view(task))).isEqualTo("feedback-review/" + task.getId());

        signIn("expert");
        // not as a generic decision, whose "done" would go around the decisions on each error
        UI.getCurrent().navigate("decision/" + task.getId());
        assertThat(_get(Span.class, spec -> spec.withId("decision-error")).getText())
                .contains("is done in its own page");
        assertThat(_find(Button.class, spec -> spec.withId("done"))).isEmpty();
        UI.getCurrent().navigate("feedback-review/" + task.getId());
        List<Div> entries = _find(Div.class, spec -> spec.withClasses("feedback-entry"));
        assertThat(entries).hasSize(2);
        assertThat(_find(Span.class, spec -> spec.withClasses("predicted"))).extracting(Span::getText)
                .containsExactly("Model predicted: delivery", "Model predicted: billing");
        assertThat(_find(Span.class, spec -> spec.withClasses("expected"))).extracting(Span::getText)
                .containsExactly("Expected: refund", "Expected: delivery");
        assertThat(_get(Span.class, spec -> spec.withId("feedback-progress")).getText()).isEqualTo("2 of 2 still open");
        List<Long> ids = new ArrayList<>();
        entries.forEach(e -> ids.add(Long.parseLong(e.getId().orElseThrow().substring("feedback-entry-".length()))));

        _get(Button.class, spec -> spec.withId("complete-feedback")).click();
        NotificationsKt.expectNotifications("Cannot do this: 2 model errors are not decided yet: confirm or discard each");

        @SuppressWarnings("unchecked")
        Select<String> label = _get(Select.class, spec -> spec.withId("confirm-label-" + ids.get(0)));
        assertThat(label.getValue()).isEqualTo("refund");
        _get(Button.class, spec -> spec.withId("confirm-" + ids.get(0))).click();
        _get(Button.class, spec -> spec.withId("discard-" + ids.get(1))).click();
        assertThat(_find(Span.class, spec -> spec.withClasses("decision"))).extracting(Span::getText)
                .containsExactly("Confirmed as refund by expert: queued as a hard example", "Discarded by expert");
        assertThat(_get(Span.class, spec -> spec.withId("feedback-progress")).getText()).isEqualTo("0 of 2 still open");

        _get(Button.class, spec -> spec.withId("complete-feedback")).click();
        NotificationsKt.expectNotifications("Review completed: the confirmed errors are queued for the next version");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(posted.runId()).count()).isZero();
        List<String> queued = new ArrayList<>();
        feedback.hardExamples(datasetId, 0, h -> queued.add(h.text() + "=" + h.label()));
        assertThat(queued).containsExactly("refund my parcel please=refund");
        assertThat(Processes.Feedback.REVIEW).isEqualTo(task.getTaskDefinitionKey());
    }
}
