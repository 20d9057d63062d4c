package io.refinery.designer.demand;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.function.SerializableConsumer;
import io.refinery.designer.demand.ProcessOptions.ProcessOption;
import io.refinery.engine.dataset.Demand;
import io.refinery.engine.dataset.DemandService;
import io.refinery.engine.modeling.ProcessChoice;
import io.refinery.engine.system.ApiException;
import io.refinery.workflows.Processes;
import io.refinery.workflows.Threshold;
import io.refinery.workflows.ThresholdValues;
import io.refinery.workflows.answers.AnnotationValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Every value of a demand as a field, with the client-side checks of a Binder and the engine's problems
 * ({@code field: message}, from {@code DemandService.problems} or a refused start) shown on their fields. Each
 * threshold comes from {@link Threshold#ALL}: its label, range and meaning in the user's language. The form files
 * a new demand; with {@code revising} the name, task type, source and process stay as filed (a demand sent back
 * for changes).
 */
class DemandFields extends VerticalLayout {
    static final List<String> TASK_TYPES = AnnotationValues.TASK_TYPES;
    private static final String UPLOAD = "upload";
    private static final String FOLDER = "folder";

    private final Binder<Object> binder = new Binder<>();
    private final Map<String, HasValidation> byPath = new LinkedHashMap<>();
    private final Map<String, NumberField> thresholds = new LinkedHashMap<>();
    private final Span otherProblems = new Span();

    private final TextField name = new TextField();
    private final TextArea description = new TextArea();
    private final Select<String> taskType = new Select<>();
    private final LabelSetEditor labelSet;
    private final TextArea labelRules = new TextArea();
    private final RulePreview preview;
    private final IntegerField targetSize = new IntegerField();
    private final DatePicker dueDate = new DatePicker();
    private final TextArea intendedUse = new TextArea();
    private final TextField license = new TextField();
    private final Select<String> sourceKind = new Select<>();
    private final TextField folder = new TextField();
    private final IntegerField packageSize = new IntegerField();
    private final IntegerField overlap = new IntegerField();
    private final IntegerField slaDays = new IntegerField();
    private final IntegerField slaHours = new IntegerField();
    private final IntegerField maxRounds = new IntegerField();
    private final IntegerField priority = new IntegerField();
    private final IntegerField train = new IntegerField();
    private final IntegerField validation = new IntegerField();
    private final IntegerField test = new IntegerField();
    private final IntegerField seed = new IntegerField();
    private final Select<ProcessOption> process = new Select<>();

    DemandFields(List<ProcessChoice> choices, boolean revising) {
        setPadding(false);
        labelSet = new LabelSetEditor(getTranslation("demand.field.labelSet"), getTranslation("demand.labelSet.add"),
                () -> { });
        preview = new RulePreview(labelRules, labelSet::labels);
        otherProblems.setId("demand-problems");
        otherProblems.getStyle().set("color", "var(--lumo-error-text-color)");

        text(name, "name");
        binder.forField(name).asRequired(getTranslation("demand.error.required"))
                .withValidator(v -> v.matches("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*") && v.length() <= 200,
                        getTranslation("demand.error.name"))
                .bind(o -> name.getValue(), (o, v) -> { });
        text(description, "description");
        text(taskType, "taskType");
        taskType.setItems(TASK_TYPES);
        taskType.setItemLabelGenerator(t -> getTranslation("demand.taskType." + t));
        taskType.setValue(TASK_TYPES.get(0));
        byPath.put("labelSet", labelSet.input());
        text(labelRules, "labelRules");
        labelRules.setHelperText(getTranslation("demand.field.labelRules.help"));
        labelRules.setWidthFull();
        whole(targetSize, "targetSize", 1, Integer.MAX_VALUE, true);
        text(dueDate, "dueDate");
        text(intendedUse, "intendedUse");
        text(license, "license");
        license.setPlaceholder(getTranslation("demand.field.license.placeholder"));
        text(sourceKind, "source");
        sourceKind.setItems(UPLOAD, FOLDER);
        sourceKind.setItemLabelGenerator(k -> getTranslation("demand.source." + k));
        sourceKind.setValue(UPLOAD);
        folder.setId("demand-source-folder");
        folder.setLabel(getTranslation("demand.field.folder"));
        folder.setVisible(false);
        sourceKind.addValueChangeListener(e -> folder.setVisible(FOLDER.equals(e.getValue())));
        binder.forField(folder).withValidator(v -> !FOLDER.equals(sourceKind.getValue()) || !v.isBlank(),
                getTranslation("demand.error.required")).bind(o -> folder.getValue(), (o, v) -> { });
        whole(packageSize, "packageSize", 1, 10000, false);
        packageSize.setValue(50);
        whole(overlap, "overlap", 1, 5, false);
        overlap.setValue(2);
        whole(slaDays, "labelSla", 0, 365, false);
        slaDays.setValue(3);
        whole(slaHours, "labelSlaHours", 0, 23, false);
        binder.forField(slaHours).withValidator(v -> labelSla() != null, getTranslation("demand.error.sla"))
                .bind(o -> slaHours.getValue(), (o, v) -> { });
        whole(maxRounds, "maxRounds", 1, 20, false);
        maxRounds.setValue(3);
        whole(priority, "priority", 0, 100, false);
        priority.setValue(50);
        whole(train, "splits.train", 0, 100, false);
        whole(validation, "splits.validation", 0, 100, false);
        text(test, "splits.test");
        binder.forField(test).withValidator(v -> v == null || (v >= 0 && v <= 100),
                        getTranslation("demand.error.range", 0, 100))
                .withValidator(v -> splitsAddUp(), getTranslation("demand.error.splits"))
                .bind(o -> test.getValue(), (o, v) -> { });
        train.setValue(80);
        validation.setValue(10);
        test.setValue(10);
        byPath.put("splits.hundredPercent", test);
        byPath.put("splits", test);
        text(seed, "splits.seed");
        text(process, "processKey");
        byPath.put("processVersion", process);
        List<ProcessOption> options = ProcessOptions.of(choices, getLocale(), this::getTranslation);
        process.setItems(options);
        process.setItemLabelGenerator(ProcessOption::text);
        process.setItemEnabledProvider(ProcessOption::selectable);
        process.setWidthFull();
        options.stream().filter(o -> Processes.DATASET_CONSTRUCTION.equals(o.key()) && o.version() == null)
                .findFirst().ifPresent(process::setValue);

        if (revising) {
            name.setReadOnly(true);
            taskType.setReadOnly(true);
            sourceKind.setReadOnly(true);
            folder.setReadOnly(true);
            process.setReadOnly(true);
        }

        add(section("demand.section.what", name, taskType, description, intendedUse, targetSize, dueDate, license,
                priority));
        add(new H3(getTranslation("demand.section.labels")), labelSet, labelRules, preview);
        add(section("demand.section.work", sourceKind, folder, packageSize, overlap, slaDays, slaHours, maxRounds));
        add(section("demand.section.splits", train, validation, test, seed));
        add(thresholdSection());
        add(new H3(getTranslation("demand.section.process")), process, otherProblems);
    }

    private FormLayout section(String key, Component... fields) {
        FormLayout form = new FormLayout(fields);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2));
        add(new H3(getTranslation(key)));
        return form;
    }

    private FormLayout thresholdSection() {
        Locale locale = getLocale();
        List<Component> fields = new ArrayList<>();
        for (Threshold t : Threshold.ALL) {
            NumberField field = new NumberField(t.label(locale));
            field.setId("demand-thresholds-" + t.name());
            field.setHelperText(getTranslation(t.atLeast() ? "demand.threshold.at-least" : "demand.threshold.at-most",
                    t.range()) + " · " + t.meaning(locale));
            if (t.whole()) {
                field.setStep(1); // no step for ratios: the field would refuse a value off the step, such as 0.667
            }
            field.setValue(t.fallback());
            field.setStepButtonsVisible(t.whole());
            binder.forField(field).withValidator((value, context) -> {
                String problem = value == null ? null : t.problem(value, locale);
                return problem == null ? ValidationResult.ok() : ValidationResult.error(problem);
            }).bind(o -> field.getValue(), (o, v) -> { });
            byPath.put("thresholds." + t.name(), field);
            thresholds.put(t.name(), field);
            fields.add(field);
        }
        return section("demand.section.thresholds", fields.toArray(Component[]::new));
    }

    private void text(Component field, String path) {
        field.setId("demand-" + path.replace('.', '-'));
        ((HasLabel) field).setLabel(getTranslation("demand.field." + path));
        byPath.put(path, (HasValidation) field);
    }

    /** A whole number between {@code min} and {@code max}, checked by the binder in the user's language. */
    private void whole(IntegerField field, String path, int min, int max, boolean required) {
        text(field, path);
        field.setStepButtonsVisible(max <= 10000);
        Binder.BindingBuilder<Object, Integer> binding = binder.forField(field);
        if (required) {
            binding = binding.asRequired(getTranslation("demand.error.required"));
        }
        binding.withValidator(v -> v == null || (v >= min && v <= max),
                        max == Integer.MAX_VALUE ? getTranslation("demand.error.at-least", min)
                                : getTranslation("demand.error.range", min, max))
                .bind(o -> field.getValue(), (o, v) -> { });
    }

    private boolean splitsAddUp() {
        return or(train.getValue(), 80) + or(validation.getValue(), 10) + or(test.getValue(), 10) == 100;
    }

    /** The SLA as an ISO-8601 duration ({@code P3D}, {@code PT4H}, {@code P1DT4H}); null when it would be zero. */
    String labelSla() {
        int days = or(slaDays.getValue(), 0);
        int hours = or(slaHours.getValue(), 0);
        if (days <= 0 && hours <= 0) {
            return null;
        }
        return "P" + (days > 0 ? days + "D" : "") + (hours > 0 ? "T" + hours + "H" : "");
    }

    /** Runs the client-side checks; true when every field passed. */
    boolean validate() {
        otherProblems.setText("");
        boolean ok = binder.validate().isOk();
        if (labelSet.labels().isEmpty()) {
            labelSet.input().setErrorMessage(getTranslation("demand.error.labels"));
            labelSet.input().setInvalid(true);
            ok = false;
        }
        return ok;
    }

    /**
     * Client-side checks, then the engine's ({@link DemandService#problems}), then {@code action} with the demand;
     * every problem (also of a refused action) shows on its field.
     */
    void submit(DemandService service, SerializableConsumer<Demand> action) {
        if (!validate()) {
            return;
        }
        Demand demand = demand();
        if (show(service.problems(demand)) > 0) {
            return;
        }
        try {
            action.accept(demand);
        } catch (ApiException e) {
            // "Invalid demand: a: x; b: y", or one reason such as the contract check's
            String message = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^Invalid demand: ", "");
            show(Arrays.stream(message.split("; ")).filter(s -> !s.isBlank()).toList());
        }
    }

    /** The demand as the fields give it. */
    Demand demand() {
        Map<String, Double> byName = new LinkedHashMap<>();
        thresholds.forEach((n, field) -> byName.put(n, field.getValue()));
        ProcessOption chosen = process.getValue();
        String source = FOLDER.equals(sourceKind.getValue()) ? "folder:" + folder.getValue().strip() : UPLOAD;
        return new Demand(name.getValue().strip(), blankToNull(description.getValue()), taskType.getValue(),
                labelSet.labels(), labelRules.getValue(), or(targetSize.getValue(), 0), dueDate.getValue(),
                blankToNull(intendedUse.getValue()), source, packageSize.getValue(), overlap.getValue(), labelSla(),
                maxRounds.getValue(), ThresholdValues.of(byName), blankToNull(license.getValue()),
                new Demand.Splits(train.getValue(), validation.getValue(), test.getValue(),
                        seed.getValue() == null ? null : seed.getValue().longValue()),
                chosen == null ? null : chosen.key(), chosen == null ? null : chosen.version(), priority.getValue());
    }

    /** Shows a filed demand's values (a demand sent back for changes, or the form after a language switch). */
    void fill(Demand d) {
        name.setValue(Objects.toString(d.name(), ""));
        description.setValue(Objects.toString(d.description(), ""));
        if (d.taskType() != null) {
            taskType.setValue(d.taskType());
        }
        labelSet.setLabels(d.labelSet() == null ? List.of() : d.labelSet());
        labelRules.setValue(Objects.toString(d.labelRules(), ""));
        targetSize.setValue(d.targetSize() > 0 ? (int) Math.min(Integer.MAX_VALUE, d.targetSize()) : null);
        dueDate.setValue(d.dueDate());
        intendedUse.setValue(Objects.toString(d.intendedUse(), ""));
        license.setValue(Objects.toString(d.license(), ""));
        boolean fromFolder = d.source() != null && d.source().startsWith(FOLDER + ":");
        sourceKind.setValue(fromFolder ? FOLDER : UPLOAD);
        folder.setValue(fromFolder ? d.source().substring(FOLDER.length() + 1) : "");
        packageSize.setValue(d.packageSize());
        overlap.setValue(d.overlap());
        fillSla(d.labelSla());
        maxRounds.setValue(d.maxRounds());
        priority.setValue(d.priority());
        if (d.splits() != null) {
            train.setValue(d.splits().train());
            validation.setValue(d.splits().validation());
            test.setValue(d.splits().test());
            seed.setValue(d.splits().seed() == null ? null : d.splits().seed().intValue());
        }
        if (d.thresholds() != null) {
            d.thresholds().givenValues().forEach((n, value) -> {
                if (thresholds.containsKey(n) && value != null) {
                    thresholds.get(n).setValue(value);
                }
            });
        }
        process.getListDataView().getItems()
                .filter(o -> o.key().equals(d.processKey()) && Objects.equals(o.version(), d.processVersion()))
                .findFirst().ifPresent(process::setValue);
    }

    private void fillSla(String sla) {
        try {
            Duration duration = Duration.parse(sla);
            slaDays.setValue((int) duration.toDays());
            slaHours.setValue(duration.toHoursPart());
        } catch (RuntimeException e) {
            // not in days and hours (or none): the default
            slaDays.setValue(3);
            slaHours.setValue(0);
        }
    }

    /**
     * Shows each {@code field: message} on its field ({@code thresholds.minKappa: ...} on that threshold, in the
     * user's language from {@link Threshold}); what names no field shows below the form. Returns how many there were.
     */
    int show(List<String> problems) {
        List<String> unplaced = new ArrayList<>();
        Map<HasValidation, List<String>> placed = new LinkedHashMap<>();
        for (String problem : problems) {
            int colon = problem.indexOf(": ");
            // "thresholds.minKappa: ...", or the contract check's "field 'processKey': ..."
            String path = colon < 0 ? "" : problem.substring(0, colon).strip().replaceAll("^field '(.*)'$", "$1");
            String message = colon < 0 ? problem : problem.substring(colon + 2).strip();
            HasValidation field = fieldOf(path);
            if (field == null) {
                unplaced.add(problem);
            } else {
                placed.computeIfAbsent(field, f -> new ArrayList<>()).add(localized(path, message));
            }
        }
        placed.forEach((field, messages) -> {
            field.setErrorMessage(String.join("; ", messages));
            field.setInvalid(true);
        });
        otherProblems.setText(String.join("; ", unplaced));
        return problems.size();
    }

    /** The field of a problem's path: exact, else the longest known prefix ({@code labelSet[1].<list element>}). */
    private HasValidation fieldOf(String path) {
        if (byPath.containsKey(path)) {
            return byPath.get(path);
        }
        return byPath.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue).orElse(null);
    }

    private String localized(String path, String message) {
        if (path.startsWith("thresholds.")) {
            String n = path.substring("thresholds.".length());
            NumberField field = thresholds.get(n);
            String problem = field == null ? null : Threshold.byName(n)
                    .map(t -> t.problem(field.getValue(), getLocale())).orElse(null);
            return problem == null ? message : problem;
        }
        return message;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
