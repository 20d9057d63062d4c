package io.refinery.designer.demand;

import com.vaadin.flow.component.Component;
import io.refinery.engine.dataset.DemandList;
import java.text.NumberFormat;

/** A step's progress in words, in the user's language: the progress panel's rows and the notes on the run's diagram. */
final class ProgressTexts {
    private ProgressTexts() {
    }

    /** Rows so far, rows per second, share done and time left, as far as they are known. */
    static String running(Component c, DemandList.StepProgress p, NumberFormat number) {
        String text = c.getTranslation("demand.progress.running", number.format(p.rows()),
                number.format(Math.round(p.rowsPerSecond())));
        if (p.fraction() >= 0) {
            text += " · " + Math.round(p.fraction() * 100) + " %";
        }
        if (p.secondsLeft() != null) {
            text += " · " + c.getTranslation("demand.progress.left", duration(c, p.secondsLeft()));
        }
        return text;
    }

    /** A finished step: its rows and the average rate. */
    static String done(Component c, DemandList.StepProgress p, NumberFormat number) {
        return c.getTranslation("demand.progress.done", number.format(p.rows()),
                number.format(Math.round(p.rowsPerSecond())));
    }

    static String duration(Component c, long seconds) {
        if (seconds < 60) {
            return c.getTranslation("demand.progress.seconds", seconds);
        }
        return c.getTranslation("demand.progress.minutes", (seconds + 59) / 60);
    }
}
