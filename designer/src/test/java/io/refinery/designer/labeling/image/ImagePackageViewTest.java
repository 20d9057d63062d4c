package io.refinery.designer.labeling.image;

import io.refinery.engine.tasks.TaskKind;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.ElementUtilsKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.ShortcutsKt;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.DomEvent;
import elemental.json.Json;
import elemental.json.JsonObject;
import io.refinery.designer.LabelingFixture;
import io.refinery.designer.UiTestSupport;
import io.refinery.engine.labeling.PackageWork;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The image task types inside a real work package and review, browserless: the item's picture comes from the
 * version's uploaded file, boxes and classes drawn or picked are autosaved, Enter gives "nothing to mark", the review
 * lays both annotators' boxes over the picture with their IoU.
 */
class ImagePackageViewTest extends UiTestSupport {
    private static final List<String> LABELS = List.of("crack", "corrosion", "valve", "person");
    private static final List<String> PICTURES = List.of("scene-01.png", "scene-02.png", "scene-03.png");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ApplicationContext context;
    @Autowired
    PackageWork labeling;

    @Autowired
    io.refinery.engine.tasks.Tasks tasks;
    LabelingFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new LabelingFixture(context);
    }

    private LabelingFixture.Build imageBuild(String name, String taskType) {
        LabelingFixture.Build build = fixture.upToLabelling(name, taskType, LABELS, PICTURES, null);
        fixture.uploadImages(build, PICTURES);
        return build;
    }

    private static String text(String id) {
        return _get(Span.class, spec -> spec.withId(id)).getText();
    }

    @Test
    void shouldDrawBoxesOnTheItemsPictureAndAutosaveThem() throws Exception {
        LabelingFixture.Build build = imageBuild("ui-image-boxes", "image-bbox");
        String taskId = fixture.labelTask(build, "ann1", true);
        signIn("ann1");
        UI.getCurrent().navigate("package/" + taskId);

        BoundingBoxEditor editor = _get(BoundingBoxEditor.class);
        assertThat(editor.getLabels()).isEqualTo(LABELS);
        assertThat(editor.canvas().getElement().getAttribute("src")).as("the picture as a resource of the session")
                .isNotBlank().doesNotContain("scene-01.png/../");
        assertThat(text("package-progress-text")).isEqualTo("0 of 3 done");

        ShortcutsKt.fireShortcut(Key.DIGIT_3); // key 3: the class of new boxes
        assertThat(editor.getCurrentLabel()).isEqualTo("valve");
        drawn(editor, "{\"boxes\":[{\"x\":10,\"y\":20,\"w\":30,\"h\":40,\"label\":\"valve\"}]}");
        assertThat(text("package-progress-text")).isEqualTo("1 of 3 done");
        var saved = labeling.openPackage(taskId, LabelingFixture.user("ann1")).items().get(0).value();
        assertThat(Box.fromJson(saved.toString())).containsExactly(new Box(10, 20, 30, 40, "valve"));

        drawn(editor, "{\"boxes\":[{\"x\":10,\"y\":20,\"w\":30,\"h\":40,\"label\":\"valve\"},{\"x\":1,\"y\":1,\"w\":5,\"h\":5}]}");
        assertThat(labeling.openPackage(taskId, LabelingFixture.user("ann1")).items().get(0).value())
                .as("a box without class is not saved yet").isEqualTo(saved);

        ShortcutsKt.fireShortcut(Key.ENTER);
        NotificationsKt.expectNotifications(UI.getCurrent().getTranslation("package.answer-first"));
        drawn(editor, "{\"boxes\":[{\"x\":10,\"y\":20,\"w\":30,\"h\":40,\"label\":\"valve\"},"
                + "{\"x\":1,\"y\":1,\"w\":5,\"h\":5,\"label\":\"crack\"}]}");
        ShortcutsKt.fireShortcut(Key.ENTER); // the first item is answered: on to the second
        ShortcutsKt.fireShortcut(Key.ENTER); // nothing to mark on the second
        assertThat(text("package-progress-text")).isEqualTo("2 of 3 done");
        assertThat(Box.fromJson(labeling.openPackage(taskId, LabelingFixture.user("ann1")).items().get(1).value().toString()))
                .isEmpty();
    }

    @Test
    void shouldPickTheClassOfThePictureWithKeys() {
        LabelingFixture.Build build = imageBuild("ui-image-classes", "image-classification");
        String taskId = fixture.labelTask(build, "ann1", true);
        signIn("ann1");
        UI.getCurrent().navigate("package/" + taskId);

        ImageClassificationEditor editor = _get(ImageClassificationEditor.class);
        ShortcutsKt.fireShortcut(Key.DIGIT_4);
        assertThat(editor.getValue()).isEqualTo("person");
        ShortcutsKt.fireShortcut(Key.ENTER);
        ShortcutsKt.fireShortcut(Key.DIGIT_2);
        assertThat(labeling.openPackage(taskId, LabelingFixture.user("ann1")).items())
                .extracting(PackageWork.PackageItemView::answer).containsExactly("person", "corrosion", null);
        assertThat(text("package-progress-text")).isEqualTo("2 of 3 done");
    }

    @Test
    void reviewShouldLayBothAnnotatorsBoxesOverThePicture() throws Exception {
        LabelingFixture.Build build = imageBuild("ui-image-review", "image-bbox");
        for (String annotator : List.of("ann1", "ann2")) {
            String task = fixture.labelTask(build, annotator, true);
            var pkg = labeling.openPackage(task, LabelingFixture.user(annotator));
            double shift = "ann1".equals(annotator) ? 0 : 5;
            for (var item : pkg.items()) {
                labeling.annotate(task, item.itemId(), JSON.readTree("{\"boxes\":[{\"x\":" + (100 + shift)
                        + ",\"y\":100,\"w\":50,\"h\":50,\"label\":\"crack\"}]}"), LabelingFixture.user(annotator));
            }
            tasks.complete(task, null, LabelingFixture.user(annotator));
        }
        String review = fixture.task(build, "expert", TaskKind.REVIEW.id());
        signIn("expert");
        UI.getCurrent().navigate("review/" + review);

        List<BoxesView> pictures = _find(BoxesView.class);
        assertThat(pictures).hasSize(3);
        BoxMatching.Result matching = pictures.get(0).getMatching();
        assertThat(matching.pairs()).singleElement().satisfies(p -> {
            assertThat(p.sameLabel()).isTrue();
            assertThat(p.iou()).isCloseTo(45.0 * 50 / (2 * 2500 - 45.0 * 50), org.assertj.core.data.Offset.offset(1e-9));
        });
    }

    /** As the browser reports a change of the boxes. */
    private static void drawn(BoundingBoxEditor editor, String json) {
        JsonObject data = Json.createObject();
        data.put("event.detail.json", json);
        var element = editor.canvas().getElement();
        ElementUtilsKt._fireDomEvent(element, new DomEvent(element, "boxes-changed", data));
    }
}
