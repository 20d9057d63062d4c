package io.refinery.designer.demand;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import io.refinery.engine.dataset.DemandList;
import io.refinery.engine.dataset.DemandRun;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A demand's run drawn on its own process ({@code <refinery-run-diagram>}, bpmn-js' viewer): the steps it passed, where
 * it is now, under a running step its worker's progress (a bar, rows, rate, time left) and under a human step its
 * open tasks. {@link #show} draws a run; {@link #refresh} only moves the marks (the demand page's poll).
 */
@Tag("refinery-run-diagram")
@NpmPackage(value = "bpmn-js", version = "18.31.1")
@JsModule("./modeler/refinery-run-diagram.js")
class RunDiagram extends Component implements HasSize {
    private static final ObjectMapper JSON = new ObjectMapper();

    private String xml;
    private String marksJson = "[]";

    RunDiagram() {
        setId("demand-run-diagram");
        setWidthFull();
        addAttachListener(this::reattached);
    }

    /** Draws the run's process and where the run stands on it. */
    void show(DemandRun.View run) {
        xml = run.xml();
        getElement().callJsFunction("show", xml);
        refresh(run);
    }

    /** Moves the marks to where the run stands now (the diagram stays). */
    void refresh(DemandRun.View run) {
        List<Map<String, Object>> marks = new ArrayList<>();
        NumberFormat number = NumberFormat.getIntegerInstance(getLocale());
        for (DemandRun.Element e : run.elements()) {
            Map<String, Object> mark = new HashMap<>();
            mark.put("elementId", e.elementId());
            mark.put("active", e.active());
            DemandList.StepProgress p = e.progress();
            List<String> notes = new ArrayList<>();
            if (p != null) {
                notes.add(p.running() ? ProgressTexts.running(this, p, number) : ProgressTexts.done(this, p, number));
                if (e.active()) {
                    mark.put("fraction", p.running() ? p.fraction() : 1.0);
                }
            }
            if (e.openTasks() > 0) {
                notes.add(getTranslation("demand.run.open-tasks", number.format(e.openTasks())));
            }
            mark.put("text", String.join(" · ", notes));
            marks.add(mark);
        }
        try {
            marksJson = JSON.writeValueAsString(marks);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        getElement().callJsFunction("mark", marksJson);
    }

    /** What {@link #refresh} sent last, as JSON (for tests). */
    String marks() {
        return marksJson;
    }

    private void reattached(AttachEvent event) {
        if (!event.isInitialAttach() && xml != null) {
            getElement().callJsFunction("show", xml);
            getElement().callJsFunction("mark", marksJson);
        }
    }
}
