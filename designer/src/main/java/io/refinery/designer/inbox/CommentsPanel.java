package io.refinery.designer.inbox;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import io.refinery.engine.tasks.TaskView;
import io.refinery.engine.tasks.TaskDispatch;
import io.refinery.engine.system.CurrentUser;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The comments of one task, with author and time, and a box to add one. Hidden until a row asks for it. */
class CommentsPanel extends VerticalLayout {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private final transient TaskDispatch dispatch;
    private final H3 title = new H3();
    private final Div list = new Div();
    private final TextArea text = new TextArea();
    private TaskView task;

    CommentsPanel(TaskDispatch dispatch) {
        this.dispatch = dispatch;
        setId("comments");
        setWidth("22rem");
        setVisible(false);
        list.setId("comment-list");
        text.setId("comment-text");
        text.setWidthFull();
        text.setMaxLength(TaskDispatch.MAX_COMMENT);
        Button add = new Button(getTranslation("tasks.comments.add"), e -> add());
        add.setId("comment-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button close = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> setVisible(false));
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(close, title, list, text, add);
    }

    void show(TaskView task) {
        this.task = task;
        title.setText(getTranslation("tasks.comments.title", task.name().split(" / ")[0]));
        list.removeAll();
        for (var c : dispatch.comments(task.id(), CurrentUser.get())) {
            Div comment = new Div(new Span(c.author() + " · " + TIME.format(c.time().toInstant())), new Div(c.message()));
            comment.addClassName("comment");
            list.add(comment);
        }
        if (list.getComponentCount() == 0) {
            list.add(new Span(getTranslation("tasks.comments.none")));
        }
        setVisible(true);
    }

    private void add() {
        if (task != null && !text.getValue().isBlank()) {
            dispatch.comment(task.id(), text.getValue(), CurrentUser.get());
            text.clear();
            show(task);
        }
    }
}
