package io.refinery.designer.demand;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.function.SerializableSupplier;
import io.refinery.workflows.prelabel.LabelRuleException;
import io.refinery.workflows.prelabel.Prelabel;
import io.refinery.workflows.prelabel.RuleLabeler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Try on sample rows": the manager types a few sample texts (one per line) and sees which label each gets and by
 * which rule — with the pre-label worker's own {@link RuleLabeler}, so what the preview shows is what the run does.
 */
class RulePreview extends VerticalLayout {

    /** One sample row and what the rules made of it (label and rule null: no rule matched). */
    record Tried(String text, String label, String rule) {
    }

    private final TextArea samples = new TextArea();
    private final Grid<Tried> results = new Grid<>();
    private final TextArea rules;
    private final SerializableSupplier<List<String>> labelSet;

    RulePreview(TextArea rules, SerializableSupplier<List<String>> labelSet) {
        this.rules = rules;
        this.labelSet = labelSet;
        setPadding(false);
        samples.setId("rules-samples");
        samples.setWidthFull();
        samples.setLabel(getTranslation("demand.rules.samples"));
        samples.setPlaceholder(getTranslation("demand.rules.samples.placeholder"));
        Button tryIt = new Button(getTranslation("demand.rules.try"), e -> tryRules());
        tryIt.setId("rules-try");
        results.setId("rules-results");
        results.addThemeVariants(GridVariant.LUMO_COMPACT);
        results.setAllRowsVisible(true);
        results.addColumn(Tried::text).setHeader(getTranslation("demand.rules.sample")).setFlexGrow(3);
        results.addColumn(t -> t.label() == null ? getTranslation("demand.rules.none") : t.label())
                .setHeader(getTranslation("demand.rules.label")).setFlexGrow(1);
        results.addColumn(t -> t.rule() == null ? "" : t.rule()).setHeader(getTranslation("demand.rules.rule"))
                .setFlexGrow(2);
        results.setVisible(false);
        add(samples, tryIt, results);
    }

    /** Applies the rules to every sample line; a rule that cannot be used is named on the rules field instead. */
    List<Tried> tryRules() {
        RuleLabeler labeler;
        try {
            labeler = RuleLabeler.parse(rules.getValue(), labelSet.get());
        } catch (LabelRuleException e) {
            rules.setErrorMessage(getTranslation("demand.rules.bad-line", e.line(), e.getMessage()));
            rules.setInvalid(true);
            results.setVisible(false);
            return List.of();
        }
        rules.setInvalid(false);
        List<Tried> tried = new ArrayList<>();
        for (String line : samples.getValue().split("\n")) {
            if (!line.isBlank()) {
                Optional<Prelabel> label = labeler.label(line);
                tried.add(new Tried(line.strip(), label.map(Prelabel::label).orElse(null),
                        label.map(Prelabel::rule).orElse(null)));
            }
        }
        results.setItems(tried);
        results.setVisible(!tried.isEmpty());
        return tried;
    }
}
