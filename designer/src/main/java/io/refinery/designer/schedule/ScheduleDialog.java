package io.refinery.designer.schedule;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.refinery.engine.release.ReleaseService;
import io.refinery.engine.schedule.ScheduleKind;
import io.refinery.engine.schedule.ScheduleSpec;
import io.refinery.engine.schedule.Schedules;
import io.refinery.engine.system.ApiException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Create or edit a schedule: kind, its target (dataset and folder, or a release and limits), cron and zone. The next
 * fire times show as the cron is typed; an error of the engine is shown on the field it names.
 */
class ScheduleDialog extends Dialog {
    private static final Pattern FIELD = Pattern.compile("field '([A-Za-z]+)'");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    final TextField name = new TextField();
    final Select<String> kind = new Select<>();
    final ComboBox<Schedules.DatasetRef> dataset = new ComboBox<>();
    final TextField folder = new TextField();
    final Checkbox preApproved = new Checkbox();
    final ComboBox<ReleaseService.Release> reference = new ComboBox<>();
    /** Limits as text: empty = the process default; anything else must be a number (checked on save). */
    final TextField maxPsi = new TextField();
    final TextField maxTvd = new TextField();
    final TextField maxAnomalyRatio = new TextField();
    final TextField cron = new TextField();
    final ComboBox<String> zone = new ComboBox<>();
    final Span preview = new Span();
    final Span error = new Span();
    final Button save = new Button();
    private final transient Schedules schedules;
    private final Map<String, HasValue<?, ?>> fields;

    /**
     * @param onSave saves the spec (create or update) and may throw {@link ApiException}; the dialog closes on success
     */
    ScheduleDialog(Schedules schedules, ScheduleSpec current, List<Schedules.DatasetRef> datasets,
                   List<ReleaseService.Release> releases, Function<ScheduleSpec, ?> onSave) {
        this.schedules = schedules;
        setId("schedule-dialog");
        setWidth("40rem");
        setHeaderTitle(getTranslation(current == null ? "schedules.new" : "schedules.edit"));
        fields = Map.of("name", name, "kind", kind, "datasetId", dataset, "folder", folder, "referenceVersionId", reference,
                "maxPsi", maxPsi, "maxTvd", maxTvd, "maxAnomalyRatio", maxAnomalyRatio, "cron", cron, "zone", zone);
        configureFields(datasets, releases);
        FormLayout form = new FormLayout(name, kind, dataset, folder, preApproved, reference, maxPsi, maxTvd,
                maxAnomalyRatio, cron, zone, preview, error);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);
        fill(current, datasets, releases);
        save.setText(getTranslation("schedules.save"));
        save.setId("schedule-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save(onSave));
        Button cancel = new Button(getTranslation("schedules.cancel"), e -> close());
        getFooter().add(cancel, save);
    }

    private void configureFields(List<Schedules.DatasetRef> datasets, List<ReleaseService.Release> releases) {
        name.setId("schedule-name");
        name.setLabel(getTranslation("schedules.name"));
        kind.setId("schedule-kind");
        kind.setLabel(getTranslation("schedules.kind"));
        kind.setItems(ScheduleKind.COLLECT.id(), ScheduleKind.DRIFT_CHECK.id());
        kind.setItemLabelGenerator(k -> getTranslation("schedules.kind." + k));
        kind.addValueChangeListener(e -> showKind());
        dataset.setId("schedule-dataset");
        dataset.setLabel(getTranslation("schedules.dataset"));
        dataset.setItems(datasets);
        dataset.setItemLabelGenerator(Schedules.DatasetRef::name);
        folder.setId("schedule-folder");
        folder.setLabel(getTranslation("schedules.folder"));
        preApproved.setId("schedule-pre-approved");
        preApproved.setLabel(getTranslation("schedules.preApproved"));
        reference.setId("schedule-reference");
        reference.setLabel(getTranslation("schedules.reference"));
        reference.setItems(releases);
        reference.setItemLabelGenerator(r -> r.datasetName() + " " + r.label());
        limit(maxPsi, "schedule-max-psi", "schedules.maxPsi", 0.2);
        limit(maxTvd, "schedule-max-tvd", "schedules.maxTvd", 0.3);
        limit(maxAnomalyRatio, "schedule-max-anomaly-ratio", "schedules.maxAnomalyRatio", 0.05);
        cron.setId("schedule-cron");
        cron.setLabel(getTranslation("schedules.cron"));
        cron.setHelperText(getTranslation("schedules.cron.help"));
        cron.setValueChangeMode(ValueChangeMode.LAZY);
        cron.addValueChangeListener(e -> showPreview());
        zone.setId("schedule-zone");
        zone.setLabel(getTranslation("schedules.zone"));
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        zone.addValueChangeListener(e -> showPreview());
        preview.setId("schedule-preview");
        error.setId("schedule-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
    }

    private void limit(TextField field, String id, String key, double fallback) {
        field.setId(id);
        field.setLabel(getTranslation(key));
        field.setPlaceholder(getTranslation("schedules.limits.default", fallback));
    }

    private void fill(ScheduleSpec current, List<Schedules.DatasetRef> datasets, List<ReleaseService.Release> releases) {
        if (current == null) {
            kind.setValue(ScheduleKind.COLLECT.id());
            preApproved.setValue(true);
            zone.setValue(ZoneId.systemDefault().getId());
            return;
        }
        name.setValue(current.name());
        kind.setValue(current.kind());
        datasets.stream().filter(d -> current.datasetId() != null && d.id() == current.datasetId()).findFirst()
                .ifPresent(dataset::setValue);
        folder.setValue(current.folder() == null ? "" : current.folder());
        preApproved.setValue(!Boolean.FALSE.equals(current.preApproved()));
        releases.stream().filter(r -> current.referenceVersionId() != null && r.versionId() == current.referenceVersionId())
                .findFirst().ifPresent(reference::setValue);
        maxPsi.setValue(current.maxPsi() == null ? "" : current.maxPsi().toString());
        maxTvd.setValue(current.maxTvd() == null ? "" : current.maxTvd().toString());
        maxAnomalyRatio.setValue(current.maxAnomalyRatio() == null ? "" : current.maxAnomalyRatio().toString());
        cron.setValue(current.cron());
        zone.setValue(current.zone());
    }

    private void showKind() {
        boolean collect = ScheduleKind.COLLECT.id().equals(kind.getValue());
        dataset.setVisible(collect);
        folder.setVisible(collect);
        preApproved.setVisible(collect);
        reference.setVisible(!collect);
        maxPsi.setVisible(!collect);
        maxTvd.setVisible(!collect);
        maxAnomalyRatio.setVisible(!collect);
    }

    /** The next fire times of what is typed, or the error naming the wrong field. */
    void showPreview() {
        cron.setInvalid(false);
        zone.setInvalid(false);
        if (cron.getValue().isBlank()) {
            preview.setText("");
            return;
        }
        try {
            ZoneId z = ZoneId.of(zone.getValue() == null ? "" : zone.getValue());
            List<Instant> next = schedules.preview(cron.getValue(), zone.getValue());
            preview.setText(getTranslation("schedules.next3", next.isEmpty() ? getTranslation("schedules.never")
                    : next.stream().map(t -> TIME.format(t.atZone(z))).collect(Collectors.joining(" · "))));
        } catch (ApiException | java.time.DateTimeException e) {
            preview.setText("");
            markField(e.getMessage());
        }
    }

    ScheduleSpec spec() {
        boolean collect = ScheduleKind.COLLECT.id().equals(kind.getValue());
        return new ScheduleSpec(name.getValue(), kind.getValue(), cron.getValue(), zone.getValue(),
                collect && dataset.getValue() != null ? dataset.getValue().id() : null, collect ? folder.getValue() : null,
                collect ? preApproved.getValue() : null,
                !collect && reference.getValue() != null ? reference.getValue().versionId() : null,
                collect ? null : number(maxPsi, "maxPsi"), collect ? null : number(maxTvd, "maxTvd"),
                collect ? null : number(maxAnomalyRatio, "maxAnomalyRatio"));
    }

    private static Double number(TextField field, String name) {
        String text = field.getValue().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("field '" + name + "': '" + text + "' is not a number such as 0.2");
        }
    }

    private void save(Function<ScheduleSpec, ?> onSave) {
        error.setText("");
        fields.values().forEach(f -> ((HasValidation) f).setInvalid(false));
        try {
            onSave.apply(spec());
            close();
        } catch (ApiException e) {
            error.setText(getTranslation("schedules.error", e.getMessage()));
            markField(e.getMessage());
        }
    }

    /** Marks the field that an engine message names ({@code field 'cron': ...}) invalid, with the message. */
    private void markField(String message) {
        Matcher m = FIELD.matcher(message);
        if (m.find() && fields.get(m.group(1)) instanceof HasValidation field) {
            field.setErrorMessage(message);
            field.setInvalid(true);
        }
    }
}
