package io.refinery.designer.modeler;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.function.SerializableConsumer;
import io.refinery.engine.modeling.ContractReport;
import io.refinery.engine.modeling.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything wrong with the diagram in one list: the browser's lint issues and the engine's problems from the last
 * validation. A click on a row selects its element on the canvas. The engine's lint mirrors the browser's rules, so
 * its lint problems are left out where the browser already reports something on the same element.
 */
class ProblemList extends Grid<ProblemList.Shown> {

    static final String DATASET_CONTRACT = "contract";

    /**
     * A row: where, from whom ({@code lint} = browser, {@code engine}, {@code xml}, {@code server-lint},
     * {@code policy} = not allowed for managers, {@code contract} = missing for a dataset process), what.
     */
    record Shown(String elementId, String source, boolean error, String message) {
    }

    private List<BpmnModeler.LintIssue> lint = List.of();
    private List<Problem> server = List.of();
    private List<ContractReport> contract = List.of();

    ProblemList(SerializableConsumer<String> onSelect) {
        setId("problems");
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_NO_BORDER);
        addColumn(new ComponentRenderer<>(this::severity)).setKey("severity").setFlexGrow(0).setWidth("42px");
        addColumn(Shown::message).setKey("message").setFlexGrow(1);
        addColumn(s -> s.elementId() == null ? "" : s.elementId()).setKey("element").setAutoWidth(true)
                .setFlexGrow(0);
        addItemClickListener(e -> {
            if (e.getItem().elementId() != null) {
                onSelect.accept(e.getItem().elementId());
            }
        });
        setItems(List.of());
    }

    void setLint(List<BpmnModeler.LintIssue> issues) {
        lint = List.copyOf(issues);
        refresh();
    }

    /** What the dataset-process contract misses: shown as warnings (they do not block a deploy). */
    void setContract(List<ContractReport> reports) {
        contract = List.copyOf(reports);
        refresh();
    }

    void setServerProblems(List<Problem> problems) {
        server = List.copyOf(problems);
        refresh();
    }

    List<Problem> serverProblems() {
        return server;
    }

    void clearServerProblems() {
        setServerProblems(List.of());
    }

    List<Shown> shown() {
        List<Shown> rows = new ArrayList<>();
        Set<String> lintedElements = new HashSet<>();
        for (BpmnModeler.LintIssue issue : lint) {
            lintedElements.add(issue.elementId());
            rows.add(new Shown(issue.elementId(), "lint", !"warn".equals(issue.category()), issue.message()));
        }
        for (Problem p : server) {
            boolean serverLint = Problem.LINT.equals(p.source());
            if (serverLint && lintedElements.contains(p.elementId())) {
                continue;
            }
            String where = p.line() == null ? "" : " (" + getTranslation("modeler.problems.line", p.line(),
                    p.column() == null ? 0 : p.column()) + ")";
            rows.add(new Shown(p.elementId(), serverLint ? "server-lint" : p.source(), true, p.message() + where));
        }
        for (ContractReport report : contract) {
            for (Problem p : report.problems()) {
                rows.add(new Shown(p.elementId(), DATASET_CONTRACT, false, p.message()));
            }
        }
        return rows;
    }

    /** Errors that block a deploy: any engine problem, and lint issues of category error. */
    long errorCount() {
        return shown().stream().filter(Shown::error).count();
    }

    void refresh() {
        setItems(shown());
        getColumnByKey("message").setHeader(getTranslation("modeler.problems.message"));
        getColumnByKey("element").setHeader(getTranslation("modeler.problems.element"));
    }

    private Span severity(Shown row) {
        Span mark = new Span(row.error() ? "\u2716" : "\u26a0");
        mark.getElement().setAttribute("title", getTranslation("modeler.problems.source." + row.source()));
        mark.getStyle().set("color", row.error() ? "var(--lumo-error-text-color)" : "var(--lumo-warning-text-color, #b26b00)");
        return mark;
    }
}
