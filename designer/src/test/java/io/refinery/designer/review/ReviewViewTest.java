package io.refinery.designer.review;

import io.refinery.engine.tasks.TaskKind;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.refinery.designer.LabelingFixture;
import io.refinery.designer.UiTestSupport;
import io.refinery.designer.labeling.WorkPackageView;
import io.refinery.engine.review.ExpertReview;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class ReviewViewTest extends UiTestSupport {
    @Autowired
    ApplicationContext context;
    @Autowired
    ExpertReview labeling;

    @Test
    void shouldShowBothAnswersMarkDisagreementRejectWithReasonMarkGoldAndSendReworkToTheAnnotator() {
        LabelingFixture fixture = new LabelingFixture(context);
        var build = fixture.upToLabelling("ui-review", "text-classification", List.of("pos", "neg"),
                List.of("great", "awful", "meh"), null);
        fixture.labelAll(fixture.labelTask(build, "ann1", true), "ann1", List.of("pos", "neg", "pos"));
        fixture.labelAll(fixture.labelTask(build, "ann2", true), "ann2", List.of("pos", "neg", "neg"));
        String reviewId = fixture.task(build, "expert", TaskKind.REVIEW.id());

        signIn("expert");
        UI.getCurrent().navigate("review/" + reviewId);

        List<Div> cards = _find(Div.class, spec -> spec.withClasses("review-item"));
        assertThat(cards).hasSize(3);
        assertThat(_find(Span.class, spec -> spec.withClasses("disagreement"))).hasSize(1);
        assertThat(_find(Span.class, spec -> spec.withClasses("differs"))).extracting(Span::getText)
                .containsExactlyInAnyOrder("pos", "neg");
        long meh = labeling.openReview(reviewId, LabelingFixture.user("expert"), true).get(0).itemId();
        long great = labeling.openReview(reviewId, LabelingFixture.user("expert"), false).get(0).itemId();

        _get(Button.class, spec -> spec.withId("reject-" + meh)).click();
        assertThat(_get(TextField.class, spec -> spec.withId("reason-" + meh)).isInvalid()).as("reason required").isTrue();
        _get(TextField.class, spec -> spec.withId("reason-" + meh)).setValue("sarcasm?");
        _get(Button.class, spec -> spec.withId("reject-" + meh)).click();
        _get(Button.class, spec -> spec.withId("accept-1-" + great)).click();
        @SuppressWarnings("unchecked")
        Select<String> label = _get(Select.class, spec -> spec.withId("fix-label-" + great));
        label.setValue("pos");
        _get(Button.class, spec -> spec.withId("gold-" + great)).click();
        assertThat(_find(Span.class, spec -> spec.withClasses("decision"))).extracting(Span::getText)
                .containsExactlyInAnyOrder("Decision: reject · sarcasm?", "Decision: accept → pos");
        assertThat(_find(Span.class, spec -> spec.withText("Gold: pos"))).hasSize(1);

        _get(Button.class, spec -> spec.withId("complete-review")).click();
        NotificationsKt.expectNotifications("Review completed");

        // each annotator gets a rework task with the reason; ann1 opens theirs
        String rework = fixture.task(build, "ann1", TaskKind.REWORK.id());
        signIn("ann2");
        UI.getCurrent().navigate("package/" + rework);
        assertThat(_get(Span.class, spec -> spec.withId("package-error")).getText())
                .isEqualTo("Cannot open this task: task " + rework + " is claimed by ann1");
        NotificationsKt.expectNotifications("Cannot open this task: task " + rework + " is claimed by ann1");
        signIn("ann1");
        UI.getCurrent().navigate("package/" + rework);
        _get(WorkPackageView.class);
        assertThat(_get(Span.class, spec -> spec.withId("package-mode")).getText())
                .isEqualTo("Rework: fix the items the expert rejected");
        assertThat(_get(Span.class, spec -> spec.withId("rework-reason")).getText())
                .isEqualTo("Rejected by the expert: sarcasm?");
        assertThat(_get(Span.class, spec -> spec.withId("package-progress-text")).getText()).isEqualTo("0 of 1 done");
        _get(Button.class, spec -> spec.withId("class-1")).click();
        assertThat(_get(Span.class, spec -> spec.withId("package-progress-text")).getText()).isEqualTo("1 of 1 done");
        _get(Button.class, spec -> spec.withId("previous-item")).click();
        assertThat(_get(Span.class, spec -> spec.withId("read-only")).getText()).isEqualTo("Not rejected: read-only");
        assertThat(_get(Button.class, spec -> spec.withId("class-0")).isEnabled()).isFalse();
        _get(Button.class, spec -> spec.withId("submit-package")).click();
        NotificationsKt.expectNotifications("Package submitted. Thank you!");

    }

    @Test
    void shouldNotLetAnAnnotatorIntoTheReview() {
        signIn("ann1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UI.getCurrent().navigate("review/some-task"))
                .hasRootCauseInstanceOf(com.vaadin.flow.router.AccessDeniedException.class);
        LocatorJ._assertNone(ReviewView.class);
    }
}
