package io.refinery.designer.labeling;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.ShortcutsKt;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import io.refinery.designer.LabelingFixture;
import io.refinery.designer.UiTestSupport;
import io.refinery.engine.labeling.PackageWork;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class WorkPackageViewTest extends UiTestSupport {
    private static final List<String> TEXTS = List.of("The parcel never arrived", "<script>alert('x')</script> refund me",
            "Invoice is wrong", "Where is my order?", "Thanks, all good");

    @Autowired
    ApplicationContext context;
    @Autowired
    PackageWork labeling;
    LabelingFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new LabelingFixture(context);
    }

    private static String text(String id) {
        return _get(Span.class, spec -> spec.withId(id)).getText();
    }

    private WorkPackageView view() {
        return _get(WorkPackageView.class);
    }

    @Test
    void shouldResumeAtTheFirstUnansweredItemLabelByKeysAndSubmit() {
        var build = fixture.upToLabelling("ui-package-keys", "text-classification", List.of("delivery", "refund", "billing"),
                TEXTS, Arrays.asList(null, "refund", null, null, null));
        String taskId = fixture.labelTask(build, "ann1", true);
        long first = labeling.openPackage(taskId, LabelingFixture.user("ann1")).items().get(0).itemId();
        labeling.annotate(taskId, first, "delivery", LabelingFixture.user("ann1"));

        signIn("ann1");
        UI.getCurrent().navigate("package/" + taskId);

        assertThat(view().index()).as("resumes at the first unanswered item").isEqualTo(1);
        assertThat(text("package-progress-text")).isEqualTo("1 of 5 done");
        assertThat(text("package-position")).isEqualTo("Item 2 of 5");
        assertThat(_get(Div.class, spec -> spec.withId("item-text")).getText())
                .as("markup is shown as text").isEqualTo("<script>alert('x')</script> refund me");
        assertThat(_get(Div.class, spec -> spec.withId("item-text")).getElement().getChildren())
                .as("one text node, no <script> element").singleElement().satisfies(c -> assertThat(c.isTextNode()).isTrue());
        assertThat(text("prelabel")).isEqualTo("Pre-label: refund — press A to accept");
        assertThat(text("shortcuts")).contains("1–9", "Enter", "A accept");
        assertThat(_get(Button.class, spec -> spec.withId("submit-package")).isEnabled()).isFalse();

        ShortcutsKt.fireShortcut(Key.KEY_A); // accept the pre-label: autosaved
        assertThat(text("package-progress-text")).isEqualTo("2 of 5 done");
        ShortcutsKt.fireShortcut(Key.ENTER);
        assertThat(view().index()).isEqualTo(2);
        for (int i = 0; i < 3; i++) {
            ShortcutsKt.fireShortcut(Key.DIGIT_3);
            ShortcutsKt.fireShortcut(Key.ENTER);
        }
        assertThat(text("package-progress-text")).isEqualTo("5 of 5 done");
        ShortcutsKt.fireShortcut(Key.ARROW_LEFT);
        assertThat(view().index()).isEqualTo(3);
        var pkg = labeling.openPackage(taskId, LabelingFixture.user("ann1"));
        assertThat(pkg.items()).extracting(PackageWork.PackageItemView::answer)
                .containsExactly("delivery", "refund", "billing", "billing", "billing");

        Button submit = _get(Button.class, spec -> spec.withId("submit-package"));
        assertThat(submit.isEnabled()).isTrue();
        submit.click();
        NotificationsKt.expectNotifications("Package submitted. Thank you!");
    }

    @Test
    void shouldRefuseAnotherAnnotatorsPackageWithAnErrorNotStackTrace() {
        var build = fixture.upToLabelling("ui-package-403", "text-classification", List.of("a", "b"),
                List.of("one", "two"), null);
        String taskId = fixture.labelTask(build, "ann1", true);

        signIn("ann2");
        UI.getCurrent().navigate("package/" + taskId);

        assertThat(text("package-error")).startsWith("Cannot open this task: task " + taskId + " is claimed by ann1");
        assertThat(NotificationsKt.getNotifications()).hasSize(1);
        LocatorJ._assertNone(Button.class, spec -> spec.withId("submit-package"));
    }

    @Test
    void shouldSelectNamedEntitiesAndRemoveThem() throws Exception {
        var build = fixture.upToLabelling("ui-package-ner", "ner", List.of("PER", "ORG"),
                List.of("😀 Anna works at ACME", "Bob"), null);
        String taskId = fixture.labelTask(build, "ann1", true);
        signIn("ann1");
        UI.getCurrent().navigate("package/" + taskId);
        NerComponent ner = (NerComponent) view().component();
        assertThat(_get(Div.class, spec -> spec.withId("ner-text")).getElement().getTextRecursively())
                .isEqualTo("😀 Anna works at ACME");

        ner.addSpan(3, 7, "PER");   // UTF-16: the emoji is two code units
        ner.addSpan(17, 21, "ORG");
        ner.addSpan(17, 99, "ORG"); // outside the text: ignored
        assertThat(ner.entities()).hasSize(2);
        ner.removeSpan(ner.entities().get(1));
        var saved = labeling.openPackage(taskId, LabelingFixture.user("ann1")).items().get(0).value();
        assertThat(saved).isEqualTo(new ObjectMapper().readTree("{\"spans\":[{\"start\":3,\"end\":7,\"label\":\"PER\"}]}"));
        assertThat(text("package-progress-text")).isEqualTo("1 of 2 done");
    }

    @Test
    void shouldEditInstructionPairsWithCtrlEnter() {
        var build = fixture.upToLabelling("ui-package-instr", "instruction", List.of("ok"),
                List.of("{\"instruction\":\"Summarize\",\"input\":\"Long text\",\"output\":\"\"}", "plain question"), null);
        String taskId = fixture.labelTask(build, "ann1", true);
        signIn("ann1");
        UI.getCurrent().navigate("package/" + taskId);
        assertThat(_get(TextArea.class, spec -> spec.withId("instruction")).getValue()).isEqualTo("Summarize");
        assertThat(_get(TextArea.class, spec -> spec.withId("input")).getValue()).isEqualTo("Long text");
        assertThat(text("shortcuts")).contains("Ctrl+Enter");

        ((InstructionComponent) view().component()).fill("Summarize", "Long text", "Short.");
        ShortcutsKt.fireShortcut(Key.ENTER, KeyModifier.CONTROL);
        assertThat(view().index()).isEqualTo(1);
        assertThat(_get(TextArea.class, spec -> spec.withId("input")).getValue()).isEqualTo("plain question");
        assertThat(labeling.openPackage(taskId, LabelingFixture.user("ann1")).items().get(0).value().path("output").asText())
                .isEqualTo("Short.");
    }
}
