package io.refinery.designer.inbox;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.refinery.engine.tasks.InboxPage;

/** Mine · group · overdue · due soon, as small badges with an icon each. */
class CountChips extends HorizontalLayout {
    private final Span mine = chip("chip-mine", VaadinIcon.USER);
    private final Span group = chip("chip-group", VaadinIcon.GROUP);
    private final Span overdue = chip("chip-overdue", VaadinIcon.EXCLAMATION_CIRCLE);
    private final Span dueSoon = chip("chip-due-soon", VaadinIcon.CLOCK);

    CountChips() {
        setSpacing(true);
        overdue.getElement().getThemeList().add("error");
        dueSoon.getElement().getThemeList().add("contrast");
        add(mine, group, overdue, dueSoon);
    }

    private static Span chip(String id, VaadinIcon icon) {
        Span chip = new Span(icon.create(), new Span());
        chip.setId(id);
        chip.getElement().getThemeList().add("badge pill");
        return chip;
    }

    void show(InboxPage.Counts counts) {
        set(mine, "tasks.chip.mine", counts.mine());
        set(group, "tasks.chip.group", counts.group());
        set(overdue, "tasks.chip.overdue", counts.overdue());
        set(dueSoon, "tasks.chip.due-soon", counts.dueSoon());
    }

    private void set(Span chip, String key, long n) {
        ((Span) chip.getChildren().skip(1).findFirst().orElseThrow()).setText(getTranslation(key, n));
    }
}
