package io.refinery.designer.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.refinery.designer.labeling.image.Box;
import io.refinery.designer.labeling.image.BoxesView;
import io.refinery.designer.labeling.image.ItemImages;
import io.refinery.designer.shell.MainLayout;
import io.refinery.engine.review.ExpertReview.ReviewAnnotation;
import io.refinery.engine.review.ExpertReview.ReviewItemView;
import io.refinery.engine.review.ExpertReview;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.tasks.Tasks;
import io.refinery.workflows.answers.AnnotationValues;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The expert's review of a round: every item with both answers side by side and the disagreement marked; accept
 * A or B, fix with a label, reject with a reason (it goes back to the annotators), mark gold; complete.
 */
@Route(value = "review/:taskId", layout = MainLayout.class)
@RolesAllowed({"EXPERT", "ADMIN"})
public class ReviewView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final transient ExpertReview labeling;
    private final transient Tasks tasks;
    private final transient ItemImages images;
    private final H2 title = new H2();
    private final Span error = new Span();
    private final VerticalLayout items = new VerticalLayout();
    private final Button complete = new Button();
    private String taskId;
    private ExpertReview.ReviewView review;

    ReviewView(ExpertReview labeling, Tasks tasks, ItemImages images) {
        this.tasks = tasks;
        this.images = images;
        this.labeling = labeling;
        setMaxWidth("1100px");
        error.setId("review-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        items.setPadding(false);
        complete.setId("complete-review");
        complete.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        complete.addClickListener(e -> completeReview());
        HorizontalLayout header = new HorizontalLayout(title, complete);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        add(error, header, items);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        taskId = event.getRouteParameters().get("taskId").orElse("");
        try {
            reload();
        } catch (ApiException e) {
            fail(e);
            title.setVisible(false);
            complete.setVisible(false);
        }
    }

    private void reload() {
        review = labeling.openReviewView(taskId, CurrentUser.get(), false);
        title.setText(getTranslation("review.title", review.datasetName(), review.round()));
        complete.setText(getTranslation("review.complete"));
        items.removeAll();
        int n = 0;
        for (ReviewItemView item : review.items()) {
            items.add(card(++n, item));
        }
    }

    private Div card(int n, ReviewItemView item) {
        Div card = new Div();
        card.addClassName("review-item");
        card.setId("review-item-" + item.itemId());
        card.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("width", "100%").set("box-sizing", "border-box");
        Span number = new Span("#" + n + (item.externalId() == null ? "" : " · " + item.externalId()));
        number.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Span agreement = badge(getTranslation(item.disagreement() ? "review.disagreement" : "review.agree"),
                item.disagreement() ? "badge error" : "badge success");
        agreement.addClassName(item.disagreement() ? "disagreement" : "agreement");
        HorizontalLayout header = new HorizontalLayout(number, agreement);
        if (item.decision() != null) {
            Span decision = badge(getTranslation("review.decision", item.decision()
                    + (item.decidedValue() == null ? "" : " → " + String.join(", ", AnswerText.parts(item.decidedValue(), item.text())))
                    + (item.reason() == null ? "" : " · " + item.reason())), "badge contrast");
            decision.addClassName("decision");
            header.add(decision);
        }
        if (item.gold() != null) {
            header.add(badge(getTranslation("review.gold-marked", String.join(", ", AnswerText.parts(item.gold(), item.text()))),
                    "badge primary"));
        }
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        Div text = new Div();
        text.setText(item.text()); // text, never HTML
        text.addClassName("review-text");
        text.getStyle().set("font-size", "var(--lumo-font-size-l)").set("white-space", "pre-wrap").set("margin", "var(--lumo-space-xs) 0");
        card.add(header, text);
        picture(item).ifPresent(card::add);
        card.add(answers(item), actions(item));
        return card;
    }

    /**
     * The picture of an image item: for boxes both annotators' boxes over it, matched by IoU (each pair's IoU on the
     * box, unmatched boxes and class differences marked); for image classes the picture itself.
     */
    private Optional<Component> picture(ReviewItemView item) {
        if (!AnnotationValues.isImage(review.taskType())) {
            return Optional.empty();
        }
        return images.of(item.itemId()).map(resource -> {
            if (AnnotationValues.IMAGE_BBOX.equals(review.taskType())) {
                BoxesView boxes = new BoxesView();
                boxes.addClassName("review-boxes");
                boxes.setWidthFull();
                boxes.setLabels(review.labelSet());
                boxes.setImage(resource);
                List<ReviewAnnotation> anns = item.annotations();
                boxes.setAnnotatorNames(anns.isEmpty() ? null : anns.get(0).annotator(),
                        anns.size() < 2 ? null : anns.get(1).annotator());
                boxes.setBoxes(anns.isEmpty() ? List.of() : boxesOf(anns.get(0)),
                        anns.size() < 2 ? List.of() : boxesOf(anns.get(1)));
                return boxes;
            }
            Image picture = new Image();
            picture.setSrc(resource);
            picture.setAlt(item.text());
            picture.addClassName("review-picture");
            picture.getStyle().set("max-width", "100%").set("max-height", "280px").set("object-fit", "contain");
            return picture;
        });
    }

    private static List<Box> boxesOf(ReviewAnnotation annotation) {
        return annotation.value() == null ? List.of() : Box.fromJson(annotation.value().toString());
    }

    private HorizontalLayout answers(ReviewItemView item) {
        HorizontalLayout row = new HorizontalLayout();
        row.setWidthFull();
        List<ReviewAnnotation> anns = item.annotations();
        for (int i = 0; i < anns.size(); i++) {
            ReviewAnnotation a = anns.get(i);
            Set<String> others = new HashSet<>();
            for (int j = 0; j < anns.size(); j++) {
                if (j != i) {
                    others.addAll(AnswerText.parts(anns.get(j).value(), item.text()));
                }
            }
            VerticalLayout column = new VerticalLayout();
            column.setPadding(false);
            column.setSpacing(false);
            column.addClassName("answer");
            Span who = new Span(getTranslation("review.annotator", a.annotator(), a.slot()));
            who.getStyle().set("font-weight", "600");
            FlexLayout parts = new FlexLayout();
            parts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            parts.getStyle().set("gap", "var(--lumo-space-xs)");
            for (String part : AnswerText.parts(a.value(), item.text())) {
                boolean differs = !others.contains(part);
                Span chip = badge(part, differs && item.disagreement() ? "badge error" : "badge");
                if (differs && item.disagreement()) {
                    chip.addClassName("differs");
                }
                parts.add(chip);
            }
            column.add(who, parts);
            row.add(column);
        }
        return row;
    }

    private HorizontalLayout actions(ReviewItemView item) {
        HorizontalLayout row = new HorizontalLayout();
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        row.getStyle().set("flex-wrap", "wrap");
        for (ReviewAnnotation a : item.annotations()) {
            Button accept = new Button(getTranslation("review.accept", a.annotator()),
                    e -> decide(item, "accept", null, a.slot(), null));
            accept.setId("accept-" + a.slot() + "-" + item.itemId());
            accept.addThemeVariants(ButtonVariant.LUMO_SMALL);
            row.add(accept);
        }
        Select<String> label = new Select<>();
        label.setId("fix-label-" + item.itemId());
        label.setItems(review.labelSet());
        label.setPlaceholder(getTranslation("review.choose"));
        label.setWidth("10em");
        boolean classification = review.taskType().endsWith("classification");
        if (classification) {
            Button fix = new Button(getTranslation("review.fix"), e -> {
                if (label.getValue() != null) {
                    decide(item, "fix", JSON.createObjectNode().put("label", label.getValue()), null, null);
                }
            });
            fix.setId("fix-" + item.itemId());
            fix.addThemeVariants(ButtonVariant.LUMO_SMALL);
            row.add(label, fix);
        }
        TextField reason = new TextField();
        reason.setId("reason-" + item.itemId());
        reason.setPlaceholder(getTranslation("review.reason"));
        Button reject = new Button(getTranslation("review.reject"), e -> {
            if (reason.getValue().isBlank()) {
                reason.setInvalid(true);
                reason.setErrorMessage(getTranslation("review.reason-required"));
                return;
            }
            decide(item, "reject", null, null, reason.getValue());
        });
        reject.setId("reject-" + item.itemId());
        reject.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        Button gold = new Button(getTranslation("review.gold"), e -> markGold(item, classification ? label.getValue() : null));
        gold.setId("gold-" + item.itemId());
        gold.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        row.add(reason, reject, gold);
        return row;
    }

    /** Gold with the chosen label (classification), else with the expert's decided answer, else the first answer. */
    private void markGold(ReviewItemView item, String chosenLabel) {
        JsonNode value = chosenLabel != null ? JSON.createObjectNode().put("label", chosenLabel)
                : item.decidedValue() != null ? item.decidedValue()
                : item.annotations().isEmpty() ? null : item.annotations().get(0).value();
        if (value == null) {
            Notification.show(getTranslation("review.choose"), 2000, Notification.Position.BOTTOM_CENTER);
            return;
        }
        try {
            labeling.markGold(taskId, item.itemId(), value, CurrentUser.get());
            reload();
        } catch (ApiException e) {
            fail(e);
        }
    }

    private void decide(ReviewItemView item, String decision, JsonNode value, Integer slot, String reason) {
        try {
            labeling.review(taskId, item.itemId(), decision, value, slot, reason, CurrentUser.get());
            reload();
        } catch (ApiException e) {
            fail(e);
        }
    }

    private void completeReview() {
        try {
            tasks.complete(taskId, null, CurrentUser.get());
            Notification.show(getTranslation("review.completed"), 3000, Notification.Position.BOTTOM_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            UI.getCurrent().navigate("");
        } catch (ApiException e) {
            fail(e);
        }
    }

    private void fail(ApiException e) {
        error.setText(getTranslation("package.error", e.getMessage()));
        Notification.show(getTranslation("package.error", e.getMessage()), 5000, Notification.Position.MIDDLE)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private static Span badge(String text, String theme) {
        Span s = new Span(text);
        s.getElement().getThemeList().addAll(List.of(theme.split(" ")));
        return s;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("task.kind.review") + " · " + getTranslation("app.name");
    }
}
