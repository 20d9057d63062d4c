package io.refinery.designer.demand;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;
import io.refinery.engine.dataset.DemandList;
import java.text.NumberFormat;
import java.util.List;

/**
 * How far each long step of the run is, as its worker reports it about once a second: a bar (running steps with a
 * known total; a moving bar without one), rows so far, rows per second and the time left; a finished step keeps its
 * rows and average rate. While the run goes on the panel looks again every {@value #POLL_MS} ms, without reloading
 * the rest of the page.
 */
class StepProgressPanel extends Div {
    static final int POLL_MS = 2000;

    private final transient DemandList demands;
    private final long versionId;
    private final boolean runActive;
    private final H3 heading = new H3();
    private final Div rows = new Div();
    private Registration poll;

    private final transient Runnable alsoOnPoll;

    /** {@code alsoOnPoll}: what else on the page follows the run at each look (the run's diagram). */
    StepProgressPanel(DemandList demands, long versionId, boolean runActive, Runnable alsoOnPoll) {
        this.alsoOnPoll = alsoOnPoll;
        this.demands = demands;
        this.versionId = versionId;
        this.runActive = runActive;
        setId("demand-progress");
        setWidthFull();
        rows.getStyle().set("display", "grid").set("grid-template-columns", "max-content minmax(160px, 320px) 1fr")
                .set("gap", "6px 16px").set("align-items", "center");
        add(heading, rows);
        refresh();
    }

    /** Shows the steps' last reports again (hidden while no step has reported). */
    void refresh() {
        heading.setText(getTranslation("demand.progress"));
        List<DemandList.StepProgress> steps = demands.stepProgress(versionId);
        setVisible(!steps.isEmpty());
        rows.removeAll();
        NumberFormat number = NumberFormat.getIntegerInstance(getLocale());
        for (DemandList.StepProgress p : steps) {
            Span name = new Span(stepName(p.step()));
            ProgressBar bar = new ProgressBar();
            bar.setWidthFull();
            double fraction = p.fraction();
            bar.setIndeterminate(p.running() && fraction < 0);
            bar.setValue(p.running() ? Math.max(0, fraction) : 1);
            Span text = new Span(p.running() ? ProgressTexts.running(this, p, number)
                    : ProgressTexts.done(this, p, number));
            text.getElement().setAttribute("data-step", p.step());
            rows.add(name, bar, text);
        }
    }

    private String stepName(String step) {
        String key = "demand.progress.step." + step;
        String name = getTranslation(key);
        return name.equals(key) || name.startsWith("!") ? step : name;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        if (runActive) {
            UI ui = event.getUI();
            ui.setPollInterval(POLL_MS);
            poll = ui.addPollListener(e -> {
                refresh();
                alsoOnPoll.run();
            });
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (poll != null) {
            poll.remove();
            poll = null;
            event.getUI().setPollInterval(-1);
        }
    }
}
