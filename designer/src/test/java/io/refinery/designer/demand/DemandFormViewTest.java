package io.refinery.designer.demand;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.refinery.designer.UiTestSupport;
import io.refinery.engine.dataset.DemandList;
import io.refinery.workflows.Processes;
import io.refinery.workflows.Threshold;
import io.refinery.workflows.Vars;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DemandFormViewTest extends UiTestSupport {
    @Autowired
    DemandList demands;
    @Autowired
    RuntimeService runtime;

    private static void fillIn(String name) {
        _get(TextField.class, spec -> spec.withId("demand-name")).setValue(name);
        _get(TextField.class, spec -> spec.withId("demand-labelSet")).setValue("billing, refund");
        _click(_get(Button.class, spec -> spec.withId("demand-labelSet-add")));
        _get(TextArea.class, spec -> spec.withId("demand-labelRules")).setValue("billing: bill|invoice\nrefund: re:money\\s+back");
        _get(IntegerField.class, spec -> spec.withId("demand-targetSize")).setValue(120);
    }

    @SuppressWarnings("unchecked")
    private static Select<ProcessOptions.ProcessOption> process() {
        return _get(Select.class, spec -> spec.withId("demand-processKey"));
    }

    @Test
    void shouldFileADemandForTheShippedProcessAndOpenItsPage() {
        signIn("manager");
        UI.getCurrent().navigate("demands/new");
        String name = "form-file-" + System.nanoTime();
        fillIn(name);
        assertThat(process().getValue().key()).as("the default").isEqualTo(Processes.DATASET_CONSTRUCTION);
        _get(NumberField.class, spec -> spec.withId("demand-thresholds-" + Vars.MIN_IOU)).setValue(0.7);
        _get(IntegerField.class, spec -> spec.withId("demand-labelSlaHours")).setValue(6);

        _click(_get(Button.class, spec -> spec.withId("demand-file")));

        DemandList.Row row = demands.newest(20).stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath())
                .isEqualTo("demands/" + row.versionId());
        assertThat(row.processKey()).isEqualTo(Processes.DATASET_CONSTRUCTION);
        assertThat(row.processVersion()).isNotNull();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(row.processInstanceId()).count()).isOne();
        assertThat(runtime.getVariable(row.processInstanceId(), Vars.MIN_IOU)).isEqualTo(0.7);
        assertThat(runtime.getVariable(row.processInstanceId(), Vars.LABEL_SLA)).isEqualTo("P3DT6H");
        assertThat(runtime.getVariable(row.processInstanceId(), Vars.LABEL_SET)).isEqualTo("billing,refund");

        UI.getCurrent().navigate("demands");
        Grid<DemandList.Row> grid = _get(Grid.class, spec -> spec.withId("demands"));
        List<DemandList.Row> shown = GridKt._fetch(grid, 0, GridKt._size(grid));
        assertThat(shown).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo(name);
            assertThat(DemandCells.process(r)).isEqualTo(Processes.DATASET_CONSTRUCTION + " v" + row.processVersion());
        });
    }

    @Test
    void shouldShowABadValueOnItsFieldAndFileNothing() {
        signIn("manager");
        UI.getCurrent().navigate("demands/new");
        String name = "form-bad-" + System.nanoTime();
        fillIn(name);
        NumberField kappa = _get(NumberField.class, spec -> spec.withId("demand-thresholds-" + Vars.MIN_KAPPA));
        kappa.setValue(2.0);
        _get(IntegerField.class, spec -> spec.withId("demand-splits-train")).setValue(50);

        _click(_get(Button.class, spec -> spec.withId("demand-file")));

        assertThat(kappa.isInvalid()).isTrue();
        assertThat(kappa.getErrorMessage()).isEqualTo(Threshold.byName(Vars.MIN_KAPPA).orElseThrow()
                .problem(2.0, Locale.ENGLISH));
        IntegerField test = _get(IntegerField.class, spec -> spec.withId("demand-splits-test"));
        assertThat(test.isInvalid()).isTrue();
        assertThat(test.getErrorMessage()).isEqualTo("Train, validation and test must add up to 100");
        assertThat(demands.newest(50)).noneMatch(r -> r.name().equals(name));
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("demands/new");
    }

    @Test
    void shouldShowTheEnginesProblemOnItsField() {
        signIn("manager");
        UI.getCurrent().navigate("demands/new");
        String name = "form-engine-" + System.nanoTime();
        fillIn(name);
        _get(TextField.class, spec -> spec.withId("demand-labelSet")).setValue("bad!label");
        _click(_get(Button.class, spec -> spec.withId("demand-labelSet-add")));

        _click(_get(Button.class, spec -> spec.withId("demand-file")));

        TextField labels = _get(TextField.class, spec -> spec.withId("demand-labelSet"));
        assertThat(labels.isInvalid()).as("labelSet[2].<list element> lands on the label set").isTrue();
        assertThat(demands.newest(50)).noneMatch(r -> r.name().equals(name));
    }

    @Test
    void shouldOfferOnlyDatasetProcessesAndSayWhyOthersCannotBeChosen() {
        signIn("manager");
        UI.getCurrent().navigate("demands/new");
        Select<ProcessOptions.ProcessOption> select = process();
        List<ProcessOptions.ProcessOption> options = select.getListDataView().getItems().toList();

        assertThat(options.get(0).key()).isEqualTo(Processes.DATASET_CONSTRUCTION);
        assertThat(options.get(0).version()).as("latest").isNull();
        List<ProcessOptions.ProcessOption> refused = options.stream().filter(o -> !o.selectable()).toList();
        assertThat(refused).as("the shipped drift and feedback processes build no dataset").isNotEmpty();
        assertThat(refused).allSatisfy(o -> {
            assertThat(select.getItemEnabledProvider().test(o)).isFalse();
            assertThat(o.text()).contains("cannot be chosen because: ");
        });
        assertThat(options).filteredOn(o -> o.key().equals(Processes.DATASET_CONSTRUCTION))
                .allMatch(ProcessOptions.ProcessOption::selectable);
    }

    @Test
    void shouldTryTheRulesOnSampleRows() {
        signIn("manager");
        UI.getCurrent().navigate("demands/new");
        fillIn("form-rules-" + System.nanoTime());
        _get(TextArea.class, spec -> spec.withId("rules-samples")).setValue("my BILL is wrong\nI want my money  back\nhello");

        _click(_get(Button.class, spec -> spec.withId("rules-try")));

        Grid<RulePreview.Tried> results = _get(Grid.class, spec -> spec.withId("rules-results"));
        assertThat(GridKt._fetch(results, 0, 10)).containsExactly(
                new RulePreview.Tried("my BILL is wrong", "billing", "line 1: bill|invoice"),
                new RulePreview.Tried("I want my money  back", "refund", "line 2: re:money\\s+back"),
                new RulePreview.Tried("hello", null, null));

        TextArea rules = _get(TextArea.class, spec -> spec.withId("demand-labelRules"));
        rules.setValue("complaint: angry");
        _click(_get(Button.class, spec -> spec.withId("rules-try")));
        assertThat(rules.isInvalid()).isTrue();
        assertThat(rules.getErrorMessage()).startsWith("Rule on line 1 cannot be used: ");
    }

    @Test
    void shouldSpeakChinese() {
        signIn("manager");
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        UI.getCurrent().navigate("demands/new");

        assertThat(_get(Button.class, spec -> spec.withId("demand-file")).getText()).isEqualTo("提交需求");
        NumberField kappa = _get(NumberField.class, spec -> spec.withId("demand-thresholds-" + Vars.MIN_KAPPA));
        assertThat(kappa.getLabel()).isEqualTo("Cohen κ");
        assertThat(kappa.getHelperText()).contains("-1–1").contains("两名标注员");
    }

    @Test
    void shouldBeForManagersOnly() {
        for (String user : List.of("ann1", "expert")) {
            signIn(user);
            assertThatThrownBy(() -> UI.getCurrent().navigate("demands/new"))
                    .hasRootCauseInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> UI.getCurrent().navigate("demands"))
                    .hasRootCauseInstanceOf(AccessDeniedException.class);
        }
    }
}
