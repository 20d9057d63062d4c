package io.refinery.designer.catalog;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.refinery.designer.shell.MainLayout;
import io.refinery.engine.feedback.FeedbackLoop;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import jakarta.annotation.security.RolesAllowed;

/**
 * The expert's review of the model errors consumers reported on a dataset: each entry's text, what the model
 * predicted and what the consumer expected; confirm (the expected class, or another) to queue it as a hard example
 * of the next version, or discard it; complete once none is left open.
 */
@Route(value = "feedback-review/:taskId", layout = MainLayout.class)
@RolesAllowed({Roles.EXPERT, Roles.ADMIN})
public class FeedbackReviewView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private final transient FeedbackLoop feedback;
    private final CurrentUser user = CurrentUser.get();
    private final H2 title = new H2();
    private final Span error = new Span();
    private final Span progress = new Span();
    private final VerticalLayout entries = new VerticalLayout();
    private final Button complete = new Button();
    private String taskId;
    private FeedbackLoop.Review review;

    FeedbackReviewView(FeedbackLoop feedback) {
        this.feedback = feedback;
        setMaxWidth("1100px");
        error.setId("feedback-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        progress.setId("feedback-progress");
        entries.setPadding(false);
        complete.setId("complete-feedback");
        complete.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        complete.addClickListener(e -> completeReview());
        HorizontalLayout header = new HorizontalLayout(title, progress, complete);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(error, header, entries);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        taskId = event.getRouteParameters().get("taskId").orElse("");
        try {
            reload();
        } catch (ApiException e) {
            fail(e);
            complete.setVisible(false);
        }
    }

    private void reload() {
        review = feedback.review(taskId, user);
        title.setText(getTranslation("feedback.title", review.datasetName()));
        complete.setText(getTranslation("feedback.complete"));
        long open = review.entries().stream().filter(e -> FeedbackLoop.PENDING.equals(e.status())).count();
        progress.setText(getTranslation("feedback.progress", open, review.entries().size()));
        entries.removeAll();
        review.entries().forEach(e -> entries.add(card(e)));
    }

    private Div card(FeedbackLoop.Entry entry) {
        Div card = new Div();
        card.addClassName("feedback-entry");
        card.setId("feedback-entry-" + entry.id());
        card.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("width", "100%").set("box-sizing", "border-box");
        Span source = new Span(getTranslation("feedback.from", entry.submittedBy())
                + (entry.itemId() == null ? "" : " · " + getTranslation("feedback.item", entry.itemId())));
        source.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Div text = new Div();
        text.setText(entry.text()); // text, never HTML
        text.addClassName("feedback-text");
        text.getStyle().set("font-size", "var(--lumo-font-size-l)").set("white-space", "pre-wrap").set("margin", "var(--lumo-space-xs) 0");
        Span predicted = badge(getTranslation("feedback.predicted", entry.predicted()), "badge error");
        predicted.addClassName("predicted");
        Span expected = badge(getTranslation("feedback.expected", entry.expected()), "badge success");
        expected.addClassName("expected");
        HorizontalLayout labels = new HorizontalLayout(predicted, expected);
        if (entry.note() != null) {
            labels.add(new Span(getTranslation("feedback.note", entry.note())));
        }
        card.add(source, text, labels);
        if (!FeedbackLoop.PENDING.equals(entry.status())) {
            Span decided = badge(getTranslation("feedback.decided." + entry.status(),
                    entry.decidedLabel() == null ? "" : entry.decidedLabel(), entry.decidedBy()), "badge contrast");
            decided.addClassName("decision");
            card.add(new Div(decided));
        }
        card.add(actions(entry));
        return card;
    }

    private HorizontalLayout actions(FeedbackLoop.Entry entry) {
        Button confirm = new Button(getTranslation("feedback.confirm"));
        confirm.setId("confirm-" + entry.id());
        confirm.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_SMALL);
        HorizontalLayout actions = new HorizontalLayout();
        if (review.labels().isEmpty()) {
            TextField label = new TextField();
            label.setId("confirm-label-" + entry.id());
            label.setValue(entry.decidedLabel() != null ? entry.decidedLabel() : entry.expected());
            confirm.addClickListener(e -> decide(entry, "confirm", label.getValue()));
            actions.add(label);
        } else {
            Select<String> label = new Select<>();
            label.setId("confirm-label-" + entry.id());
            label.setItems(review.labels());
            label.setValue(entry.decidedLabel() != null ? entry.decidedLabel()
                    : review.labels().contains(entry.expected()) ? entry.expected() : null);
            confirm.addClickListener(e -> decide(entry, "confirm", label.getValue()));
            actions.add(label);
        }
        Button discard = new Button(getTranslation("feedback.discard"), e -> decide(entry, "discard", null));
        discard.setId("discard-" + entry.id());
        discard.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        actions.add(confirm, discard);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return actions;
    }

    private void decide(FeedbackLoop.Entry entry, String decision, String label) {
        try {
            feedback.decide(taskId, entry.id(), decision, label, user);
            reload();
        } catch (ApiException e) {
            fail(e);
        }
    }

    private void completeReview() {
        try {
            feedback.complete(taskId, user);
            Notification.show(getTranslation("feedback.completed"));
            getUI().ifPresent(ui -> ui.navigate(""));
        } catch (ApiException e) {
            fail(e);
        }
    }

    private void fail(ApiException e) {
        error.setText(getTranslation("feedback.error", e.getMessage()));
        Notification.show(error.getText(), 5000, Notification.Position.MIDDLE);
    }

    private static Span badge(String text, String theme) {
        Span span = new Span(text);
        span.getElement().getThemeList().add(theme);
        return span;
    }

    @Override
    public String getPageTitle() {
        return review == null ? getTranslation("feedback.title", "") : getTranslation("feedback.title", review.datasetName());
    }
}
