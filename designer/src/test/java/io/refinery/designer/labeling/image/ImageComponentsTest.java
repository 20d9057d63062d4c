package io.refinery.designer.labeling.image;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ElementUtilsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.DomEvent;
import elemental.json.Json;
import elemental.json.JsonObject;
import io.refinery.designer.UiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The Java API of the image components, browserless (the browser side is in ImageLabelingBrowserTest). */
class ImageComponentsTest extends UiTestSupport {

    @Test
    void boxEditorShouldRoundTripBoxesAndReportUserChanges() {
        BoundingBoxEditor editor = new BoundingBoxEditor();
        UI.getCurrent().add(editor);
        editor.setLabels(List.of("crack", "corrosion"));
        List<String> events = new ArrayList<>();
        editor.addChangeListener(e -> events.add((e.isFromClient() ? "client " : "server ") + e.getValue().size()));

        List<Box> boxes = List.of(new Box(1, 2, 3, 4, "crack"), new Box(10, 20, 30, 40, null));
        editor.setBoxes(boxes);
        assertThat(editor.getBoxes()).isEqualTo(boxes);
        editor.setBoxes(new ArrayList<>(boxes)); // equal list: no event

        JsonObject data = Json.createObject();
        data.put("event.detail.json", "{\"boxes\":[{\"x\":5,\"y\":6,\"w\":7,\"h\":8,\"label\":\"corrosion\"}]}");
        fire(editor, "boxes-changed", data);

        assertThat(editor.getBoxes()).containsExactly(new Box(5, 6, 7, 8, "corrosion"));
        assertThat(events).containsExactly("server 2", "client 1");
        assertThat(editor.getCurrentLabel()).isEqualTo("crack"); // the first label by default
    }

    @Test
    void boxEditorShouldPickTheClassWithItsButtonsAndFollowTheBrowsersState() {
        BoundingBoxEditor editor = new BoundingBoxEditor();
        UI.getCurrent().add(editor);
        editor.setLabels(List.of("crack", "corrosion", "valve"));

        _click(_get(editor, Button.class, spec -> spec.withText("3 valve")));
        assertThat(editor.getCurrentLabel()).isEqualTo("valve");
        assertThat(_get(editor, Button.class, spec -> spec.withText("3 valve")).getThemeNames()).contains("primary");

        JsonObject state = Json.createObject();
        state.put("event.detail.zoom", 2.5);
        state.put("event.detail.selected", "crack");
        state.put("event.detail.current", "corrosion");
        fire(editor, "state-changed", state);

        assertThat(editor.getZoom()).isEqualTo(2.5);
        assertThat(editor.getCurrentLabel()).isEqualTo("corrosion");
        assertThat(_get(editor, Span.class, spec -> spec.withClasses("zoom-text")).getText()).isEqualTo("250 %");
        assertThat(_get(editor, Button.class, spec -> spec.withText("2 corrosion")).getThemeNames()).contains("primary");
        assertThat(_get(editor, Button.class, spec -> spec.withText("3 valve")).getThemeNames()).doesNotContain("primary");
    }

    /** As the browser would: a DOM event of the canvas with the event data its listener asked for. */
    private static void fire(BoundingBoxEditor editor, String type, JsonObject data) {
        var element = editor.canvas().getElement();
        ElementUtilsKt._fireDomEvent(element, new DomEvent(element, type, data));
    }

    @Test
    void classificationEditorShouldHoldOneClassAndWriteItsValue() {
        ImageClassificationEditor editor = new ImageClassificationEditor();
        UI.getCurrent().add(editor);
        editor.setLabels(List.of("crack", "corrosion", "valve", "person"));
        List<String> values = new ArrayList<>();
        editor.addValueChangeListener(e -> values.add(e.getValue()));

        _click(_get(editor, Button.class, spec -> spec.withText("2 corrosion")));
        _click(_get(editor, Button.class, spec -> spec.withText("4 person")));

        assertThat(editor.getValue()).isEqualTo("person");
        assertThat(values).containsExactly("corrosion", "person");
        assertThat(ImageClassificationEditor.toJson(editor.getValue())).isEqualTo("{\"label\":\"person\"}");
        assertThat(ImageClassificationEditor.fromJson("{\"label\":\"valve\"}")).isEqualTo("valve");
        assertThat(ImageClassificationEditor.fromJson("{}")).isNull();
        editor.setValue(ImageClassificationEditor.fromJson("{\"label\":\"crack\"}"));
        assertThat(_get(editor, Button.class, spec -> spec.withText("1 crack")).getThemeNames()).contains("primary");
        assertThat(_get(editor, Button.class, spec -> spec.withText("4 person")).getThemeNames()).doesNotContain("primary");
    }

    @Test
    void boxesViewShouldMatchTheTwoAnnotatorsAndSummariseInBothLanguages() {
        BoxesView view = new BoxesView();
        UI.getCurrent().add(view);
        view.setBoxes(List.of(new Box(0, 0, 10, 10, "crack"), new Box(50, 50, 5, 5, "valve")),
                List.of(new Box(1, 0, 10, 10, "corrosion")));

        assertThat(view.getMatching().pairs()).hasSize(1);
        assertThat(view.summaryText()).isEqualTo("1 matched · mean IoU 0.82 · 1 only A · 0 only B · 1 class disagreements");
        view.setMode(BoxesView.Mode.SIDE_BY_SIDE);
        assertThat(view.getMode()).isEqualTo(BoxesView.Mode.SIDE_BY_SIDE);

        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(view.summaryText()).isEqualTo("匹配 1 个 · 平均 IoU 0.82 · 仅 A 有 1 个 · 仅 B 有 0 个 · 类别不一致 1 个");
    }

    @Test
    void demoRouteShouldShowTheSampleForSignedInUsers() {
        signIn("ann1");
        UI.getCurrent().navigate(ImageLabelingDemoView.class);

        assertThat(_get(H2.class).getText()).isEqualTo("Image labelling demo");
        ImageLabelingDemoView view = _get(ImageLabelingDemoView.class);
        assertThat(view.editor().getLabels()).containsExactly("crack", "corrosion", "valve", "person");
        assertThat(_get(Pre.class, spec -> spec.withId("boxes-json")).getText()).isEqualTo("{\"boxes\":[]}");
        assertThat(ImageLabelingDemoView.readTruth()).hasSize(40);
        assertThat(view.review().getMatching().unmatchedA()).hasSize(1); // scene-01 has one true box

        view.editor().setBoxes(List.of(new Box(72, 227, 65, 27, "crack")));
        assertThat(_get(Pre.class, spec -> spec.withId("boxes-json")).getText())
                .isEqualTo("{\"boxes\":[{\"x\":72.0,\"y\":227.0,\"w\":65.0,\"h\":27.0,\"label\":\"crack\"}]}");
        assertThat(view.review().getMatching().agree()).isTrue();
    }
}
