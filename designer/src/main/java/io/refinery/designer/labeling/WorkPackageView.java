package io.refinery.designer.labeling;

import io.refinery.engine.tasks.TaskKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.ShortcutEventListener;
import com.vaadin.flow.component.ShortcutEvent;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.refinery.designer.labeling.image.BoundingBoxEditor;
import io.refinery.designer.labeling.image.ImageClassificationEditor;
import io.refinery.designer.shell.MainLayout;
import io.refinery.engine.labeling.PackageWork;
import io.refinery.engine.tasks.Tasks;
import io.refinery.engine.labeling.PackageWork.PackageItemView;
import io.refinery.engine.labeling.PackageWork.PackageView;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import jakarta.annotation.security.RolesAllowed;

/**
 * One work package of a label task (or of a rework task: then only the rejected items are editable, each with the
 * expert's reason). Every answer is saved as it is given; Enter saves and moves to the next open item in one round
 * trip; the view opens at the first open item. The engine checks every rule; this view only shows its answers.
 */
@Route(value = "package/:taskId", layout = MainLayout.class)
// the image components come from factory beans, unseen by the bundler: name them so their JS is in this route's chunk
@Uses(BoundingBoxEditor.class)
@Uses(ImageClassificationEditor.class)
@RolesAllowed({"ANNOTATOR", "EXPERT", "ADMIN"})
public class WorkPackageView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private final transient PackageWork labeling;
    private final transient Tasks tasks;
    private final transient LabelingComponents components;
    private final H2 title = new H2();
    private final Span mode = new Span();
    private final ProgressBar progress = new ProgressBar();
    private final Span progressText = new Span();
    private final Span position = new Span();
    private final Button previous = new Button(VaadinIcon.ARROW_LEFT.create(), e -> go(this.index - 1));
    private final Button next = new Button(VaadinIcon.ARROW_RIGHT.create(), e -> go(this.index + 1));
    private final Div itemText = new Div();
    private final Span prelabel = new Span();
    private final Span reason = new Span();
    private final Span readOnly = new Span();
    private final Div answerArea = new Div();
    private final Button submit = new Button();
    private final Span shortcuts = new Span();
    private final Span error = new Span();
    private String taskId;
    private PackageView pkg;
    private LabelingComponent component;
    private int index;
    private final java.util.List<com.vaadin.flow.component.ShortcutRegistration> registrations = new java.util.ArrayList<>();

    WorkPackageView(PackageWork labeling, Tasks tasks, LabelingComponents components) {
        this.tasks = tasks;
        this.labeling = labeling;
        this.components = components;
        setMaxWidth("960px");
        configureHeader();
        configureItem();
        configureFooter();
    }

    private void configureHeader() {
        title.setId("package-title");
        mode.setId("package-mode");
        mode.getElement().getThemeList().add("badge contrast");
        progress.setId("package-progress");
        progressText.setId("package-progress-text");
        progressText.getStyle().set("white-space", "nowrap");
        position.setId("package-position");
        previous.setId("previous-item");
        next.setId("next-item");
        next.setIconAfterText(true);
        HorizontalLayout navigation = new HorizontalLayout(previous, position, next);
        navigation.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        HorizontalLayout progressRow = new HorizontalLayout(progress, progressText);
        progressRow.setWidthFull();
        progressRow.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        progressRow.setFlexGrow(1, progress);
        error.setId("package-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        add(error, title, mode, progressRow, navigation);
    }

    private void configureItem() {
        itemText.setId("item-text");
        itemText.getStyle().set("font-size", "var(--lumo-font-size-xl)").set("white-space", "pre-wrap")
                .set("padding", "var(--lumo-space-m)").set("border", "1px solid var(--lumo-contrast-20pct)")
                .set("border-radius", "var(--lumo-border-radius-m)").set("width", "100%").set("box-sizing", "border-box");
        prelabel.setId("prelabel");
        prelabel.getElement().getThemeList().add("badge");
        reason.setId("rework-reason");
        reason.getElement().getThemeList().add("badge error");
        reason.getStyle().set("white-space", "normal").set("font-size", "var(--lumo-font-size-m)");
        readOnly.setId("read-only");
        readOnly.getElement().getThemeList().add("badge contrast");
        answerArea.setWidthFull();
        add(reason, readOnly, itemText, prelabel, answerArea);
    }

    private void configureFooter() {
        submit.setId("submit-package");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        submit.addClickListener(e -> submitPackage());
        shortcuts.setId("shortcuts");
        shortcuts.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        add(submit, shortcuts);
    }

    private void configureKeys() {
        if (component.capturesTyping()) {
            shortcut(e -> saveAndNext(), Key.ENTER, KeyModifier.CONTROL);
            shortcut(e -> go(index - 1), Key.ARROW_LEFT, KeyModifier.ALT);
            shortcut(e -> go(index + 1), Key.ARROW_RIGHT, KeyModifier.ALT);
            shortcuts.setText(getTranslation("package.shortcuts.typing"));
            return;
        }
        Key[] digits = {Key.DIGIT_1, Key.DIGIT_2, Key.DIGIT_3, Key.DIGIT_4, Key.DIGIT_5, Key.DIGIT_6, Key.DIGIT_7,
                Key.DIGIT_8, Key.DIGIT_9};
        for (int i = 0; i < digits.length; i++) {
            int classIndex = i;
            shortcut(e -> component.pickClass(classIndex), digits[i]);
        }
        shortcut(e -> saveAndNext(), Key.ENTER);
        shortcut(e -> acceptPrelabel(), Key.KEY_A);
        shortcut(e -> go(index - 1), Key.ARROW_LEFT);
        shortcut(e -> go(index + 1), Key.ARROW_RIGHT);
        shortcuts.setText(getTranslation("package.shortcuts"));
    }

    private void shortcut(ShortcutEventListener action, Key key, KeyModifier... modifiers) {
        registrations.add(Shortcuts.addShortcutListener(this, action, key, modifiers));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        taskId = event.getRouteParameters().get("taskId").orElse("");
        registrations.forEach(com.vaadin.flow.component.ShortcutRegistration::remove);
        registrations.clear();
        answerArea.removeAll();
        error.setText("");
        setContentVisible(true);
        try {
            pkg = labeling.openPackage(taskId, CurrentUser.get());
        } catch (ApiException e) {
            showError(e);
            setContentVisible(false);
            return;
        }
        component = components.create(pkg.taskType(), pkg.labelSet()).orElseThrow(() -> new IllegalStateException(
                "no labelling component for task type " + pkg.taskType()));
        component.onChange(this::autosave);
        answerArea.add(component.asComponent());
        configureKeys();
        int open = pkg.firstOpen();
        show(open < 0 ? 0 : open);
    }

    private void setContentVisible(boolean visible) {
        getChildren().filter(c -> c != error).forEach(c -> c.setVisible(visible));
    }

    private void showError(ApiException e) {
        error.setText(getTranslation("package.error", e.getMessage()));
        Notification n = Notification.show(getTranslation("package.error", e.getMessage()), 5000,
                Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private void show(int at) {
        index = Math.max(0, Math.min(at, pkg.items().size() - 1));
        PackageItemView item = pkg.items().get(index);
        boolean rework = TaskKind.REWORK.id().equals(pkg.mode());
        title.setText(getTranslation("package.title", pkg.datasetName(), pkg.round(), pkg.packageId()));
        mode.setText(getTranslation("package.rework-mode"));
        mode.setVisible(rework);
        itemText.setText(item.text()); // text, never HTML
        itemText.setVisible(!component.showsItemText());
        prelabel.setText(getTranslation("package.prelabel", item.prelabel()));
        prelabel.setVisible(item.prelabel() != null && item.editable());
        reason.setText(getTranslation("package.rework-reason", item.reworkReason()));
        reason.setVisible(item.reworkReason() != null);
        readOnly.setText(getTranslation("package.read-only"));
        readOnly.setVisible(!item.editable());
        component.show(item);
        component.setReadOnly(!item.editable());
        position.setText(getTranslation("package.position", index + 1, pkg.items().size()));
        previous.setEnabled(index > 0);
        next.setEnabled(index < pkg.items().size() - 1);
        updateProgress();
    }

    private void updateProgress() {
        boolean rework = TaskKind.REWORK.id().equals(pkg.mode());
        long total = rework ? pkg.items().stream().filter(i -> i.reworkReason() != null).count() : pkg.items().size();
        long done = rework ? pkg.items().stream().filter(i -> i.reworkReason() != null && i.fixed()).count()
                : pkg.items().stream().filter(i -> i.value() != null).count();
        progress.setValue(total == 0 ? 1 : (double) done / total);
        progressText.setText(getTranslation("package.progress", done, total));
        submit.setText(getTranslation("package.submit"));
        submit.setEnabled(pkg.complete());
    }

    private void go(int at) {
        if (pkg != null && at >= 0 && at < pkg.items().size()) {
            show(at);
        }
    }

    private void acceptPrelabel() {
        PackageItemView item = pkg.items().get(index);
        if (item.prelabel() != null) {
            component.acceptPrelabel(item.prelabel());
        }
    }

    /** Autosave: every change of the answer goes to the engine at once. */
    private void autosave(JsonNode value) {
        PackageItemView item = pkg.items().get(index);
        try {
            labeling.annotate(taskId, item.itemId(), value, CurrentUser.get());
            reload();
        } catch (ApiException e) {
            showError(e);
        }
    }

    /** Enter: saves the current answer and moves to the next open item, in one call to the engine. */
    void saveAndNext() {
        JsonNode value = component.value();
        PackageItemView item = pkg.items().get(index);
        if (!item.editable()) {
            go(index + 1);
            return;
        }
        if (value == null) {
            Notification.show(getTranslation("package.answer-first"), 2000, Notification.Position.BOTTOM_CENTER);
            return;
        }
        try {
            PackageItemView following = labeling.annotateAndNext(taskId, item.itemId(), value, CurrentUser.get());
            reload();
            if (following == null) {
                show(index);
            } else {
                show(indexOf(following.itemId()));
            }
        } catch (ApiException e) {
            showError(e);
        }
    }

    private int indexOf(long itemId) {
        for (int i = 0; i < pkg.items().size(); i++) {
            if (pkg.items().get(i).itemId() == itemId) {
                return i;
            }
        }
        return index;
    }

    private void reload() {
        pkg = labeling.openPackage(taskId, CurrentUser.get());
        updateProgress();
    }

    private void submitPackage() {
        try {
            tasks.complete(taskId, null, CurrentUser.get());
            Notification.show(getTranslation("package.submitted"), 3000, Notification.Position.BOTTOM_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            UI.getCurrent().navigate("");
        } catch (ApiException e) {
            showError(e);
        }
    }

    int index() {
        return index;
    }

    LabelingComponent component() {
        return component;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("task.kind.label") + " · " + getTranslation("app.name");
    }
}
