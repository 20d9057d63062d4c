package io.refinery.designer.modeler;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.function.SerializableConsumer;
import io.refinery.workflows.Vars;
import io.refinery.workflows.answers.AnnotationValues;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks for the demand values a dataset process reads (name, task type, labels, rules, source, sizes) before a test
 * instance starts: the variables the standard process gets when a manager files a demand. The engine gives the test
 * instance a dataset version of its own; an empty source means the shipped small customer-service sample (the
 * defaults here are that sample's).
 */
class TestInstanceDialog extends Dialog {
    /** Process variable the engine reads: start with the shipped small sample as the version's source. */
    static final String SAMPLE_VARIABLE = "sample";
    static final String SAMPLE = "customer-service-small";
    static final List<String> TASK_TYPES = AnnotationValues.TASK_TYPES;

    final TextField name = new TextField();
    final Select<String> taskType = new Select<>();
    final TextField labelSet = new TextField();
    final TextArea labelRules = new TextArea();
    final TextField source = new TextField();
    final IntegerField targetSize = new IntegerField();
    final IntegerField packageSize = new IntegerField();
    final IntegerField overlap = new IntegerField();
    final Button start = new Button();

    TestInstanceDialog(String processKey, String definitionLabel, SerializableConsumer<Map<String, Object>> onStart) {
        setId("test-instance-dialog");
        setWidth("720px");
        setHeaderTitle(getTranslation("modeler.test.title", definitionLabel));
        name.setId("test-name");
        name.setValue("designer-test-" + processKey);
        name.setRequired(true);
        taskType.setId("test-task-type");
        taskType.setItems(TASK_TYPES);
        taskType.setValue("text-classification");
        labelSet.setId("test-label-set");
        labelSet.setValue("billing, outage, installation, complaint, account");
        labelRules.setId("test-label-rules");
        labelRules.setValue("outage: outage|\u505c\u7535|\u65ad\u7f51\nbilling: bill|\u8d26\u5355|refund");
        source.setId("test-source");
        source.setClearButtonVisible(true);
        targetSize.setId("test-target-size");
        targetSize.setValue(50);
        targetSize.setMin(1);
        packageSize.setId("test-package-size");
        packageSize.setValue(10);
        packageSize.setMin(1);
        overlap.setId("test-overlap");
        overlap.setValue(1);
        overlap.setMin(1);
        overlap.setMax(5);
        FormLayout form = new FormLayout(name, taskType, labelSet, source, targetSize, packageSize, overlap, labelRules);
        form.setColspan(labelRules, 2);
        add(form);
        start.setId("test-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> {
            if (name.isEmpty() || labelSet.isEmpty()) {
                name.setInvalid(name.isEmpty());
                labelSet.setInvalid(labelSet.isEmpty());
                return;
            }
            onStart.accept(variables());
            close();
        });
        Button cancel = new Button(getTranslation("modeler.cancel"), e -> close());
        getFooter().add(cancel, start);
        localize();
    }

    /**
     * The values as process variables, under the names the standard process and the workers use ({@link Vars}); the
     * engine adds the rest of a demand's defaults (SLA, rounds, thresholds) and the dataset version.
     */
    Map<String, Object> variables() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put(Vars.NAME, name.getValue().strip());
        vars.put(Vars.TASK_TYPE, taskType.getValue());
        vars.put(Vars.LABEL_SET, String.join(",", Arrays.stream(labelSet.getValue().split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList()));
        vars.put(Vars.LABEL_RULES, labelRules.getValue());
        if (source.getValue().isBlank()) {
            vars.put(SAMPLE_VARIABLE, SAMPLE);
        } else {
            vars.put(Vars.SOURCE, source.getValue().strip());
        }
        vars.put(Vars.TARGET_SIZE, (long) or(targetSize.getValue(), 50));
        vars.put(Vars.PACKAGE_SIZE, or(packageSize.getValue(), 10));
        vars.put(Vars.OVERLAP, or(overlap.getValue(), 1));
        return vars;
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private void localize() {
        name.setLabel(getTranslation("modeler.test.name"));
        taskType.setLabel(getTranslation("modeler.test.task-type"));
        labelSet.setLabel(getTranslation("modeler.test.label-set"));
        labelRules.setLabel(getTranslation("modeler.test.label-rules"));
        source.setLabel(getTranslation("modeler.test.source"));
        source.setHelperText(getTranslation("modeler.test.source.help"));
        targetSize.setLabel(getTranslation("modeler.test.target-size"));
        packageSize.setLabel(getTranslation("modeler.test.package-size"));
        overlap.setLabel(getTranslation("modeler.test.overlap"));
        start.setText(getTranslation("modeler.test.start"));
    }
}
