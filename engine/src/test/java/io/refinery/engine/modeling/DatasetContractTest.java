package io.refinery.engine.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.workflows.Processes;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dataset-process contract: what a drawn process needs to build a dataset, each missing piece on its element. */
class DatasetContractTest {
    private static final Map<String, Set<String>> DMN = DatasetContract.decisionInputs(file("processes/qc-gate.dmn"));
    private static final DatasetContract.Decisions DEPLOYED = key -> Optional.ofNullable(DMN.get(key));
    private static final String SHIPPED = file("processes/dataset-construction.bpmn").xml();

    private static ModelFile file(String resource) {
        try {
            return new ModelFile(resource, resource.endsWith(".dmn") ? ModelKind.DMN : ModelKind.BPMN,
                    ModelPolicyTest.text(resource));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ContractReport check(String xml) {
        List<ContractReport> reports = DatasetContract.check(TemplateSteps.complete(new ModelFile("p.bpmn",
                ModelKind.BPMN, xml)), DEPLOYED);
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"processes/dataset-construction.bpmn", "templates/no-expert-review.bpmn",
            "templates/second-qc-gate.bpmn"})
    void theShippedProcessAndItsVariantsBuildDatasets(String resource) {
        ContractReport report = check(file(resource).xml());
        assertThat(report.problems()).isEmpty();
        assertThat(report.datasetProcess()).isTrue();
        assertThat(report.steps()).contains("collect", "process", "prelabel", "label", "qc", "qcRules", "release");
    }

    @Test
    void theDecisionTableReadsWhatQcWrites() {
        assertThat(DMN.get(Processes.QC_DECISION_KEY)).contains("metricCompleteness", "minCompleteness", "round",
                "maxRounds");
    }

    @Test
    void aPlainProcessIsNoDatasetProcessAndSaysWhichStepsAreMissing() {
        ContractReport report = check(ModelPolicyTest.process("""
                <userTask id="t" camunda:candidateGroups="managers"/>
                <sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
                <endEvent id="e"/><sequenceFlow id="f2" sourceRef="t" targetRef="e"/>"""));
        assertThat(report.datasetProcess()).isFalse();
        assertThat(report.problems()).extracting(Problem::elementId).containsOnly("p");
        assertThat(report.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("no collect"))
                .anySatisfy(m -> assertThat(m).contains("no release"))
                .anySatisfy(m -> assertThat(m).contains("no QC decision"));
    }

    @Test
    void aTopicNoWorkerServesIsReportedOnItsElement() {
        ContractReport report = check(SHIPPED.replace("camunda:topic=\"refinery.process\"",
                "camunda:topic=\"refinery.translate\""));
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.elementId()).isEqualTo("process");
            assertThat(p.message()).contains("refinery.translate").contains("no worker serves");
        });
    }

    @Test
    void humanStepsUseTheKnownGroupsAndKinds() {
        ContractReport report = check(SHIPPED.replace("<bpmn:userTask id=\"labelEscalation\" name=\"Labelling overdue — escalate / 标注超期升级\" camunda:candidateGroups=\"managers\">",
                "<bpmn:userTask id=\"labelEscalation\" name=\"Labelling overdue — escalate / 标注超期升级\" camunda:candidateGroups=\"supervisors\">"));
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.elementId()).isEqualTo("labelEscalation");
            assertThat(p.message()).contains("group 'supervisors'");
        });
        String single = SHIPPED.replaceFirst("(?s)(<bpmn:userTask id=\"label\".*?)<bpmn:multiInstanceLoopCharacteristics>.*?</bpmn:multiInstanceLoopCharacteristics>", "$1");
        assertThat(check(single).problems()).anySatisfy(p -> {
            assertThat(p.elementId()).isEqualTo("label");
            assertThat(p.message()).contains("multi-instance");
        });
    }

    @Test
    void aVariableReadBeforeAnyStepSetsItIsReportedWhereItIsRead() {
        // Label before Pre-label: labelTaskCount is not planned yet when labelling starts
        String swapped = SHIPPED.replace("<bpmn:sequenceFlow id=\"flow_process_prelabel\" sourceRef=\"process\" targetRef=\"prelabel\" />",
                        "<bpmn:sequenceFlow id=\"flow_process_prelabel\" sourceRef=\"process\" targetRef=\"labelRound\" />")
                .replace("<bpmn:sequenceFlow id=\"flow_label_expertReview\" sourceRef=\"labelRound\" targetRef=\"expertReview\" />",
                        "<bpmn:sequenceFlow id=\"flow_label_expertReview\" sourceRef=\"labelRound\" targetRef=\"prelabel\" />");
        ContractReport report = check(swapped);
        assertThat(report.datasetProcess()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.elementId()).isEqualTo("labelRound");
            assertThat(p.message()).contains("'labelWaveCount'").contains("not set on every path before it");
        });
        // a condition on a variable nothing sets
        ContractReport unknown = check(SHIPPED.replace("${releaseAnyway}</bpmn:conditionExpression>",
                "${releaseAnyway &amp;&amp; budgetApproved}</bpmn:conditionExpression>"));
        assertThat(unknown.problems()).singleElement().satisfies(p -> {
            assertThat(p.elementId()).isEqualTo("releaseAnywayGateway");
            assertThat(p.message()).contains("'budgetApproved'").contains("no step before it sets");
        });
    }

    @Test
    void theQcDecisionMustExist() {
        ContractReport report = check(SHIPPED.replace("camunda:decisionRef=\"qc-gate\"", "camunda:decisionRef=\"qc-gate-v2\""));
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.elementId()).isEqualTo("qcRules");
            assertThat(p.message()).contains("'qc-gate-v2'").contains("neither deployed");
        });
    }

    @Test
    void removingTheExpertReviewWithoutReconnectingIsReported() {
        String cut = SHIPPED.replace("<bpmn:sequenceFlow id=\"flow_label_expertReview\" sourceRef=\"labelRound\" targetRef=\"expertReview\" />", "")
                .replace("<bpmn:outgoing>flow_label_expertReview</bpmn:outgoing>", "")
                .replace("<bpmn:incoming>flow_label_expertReview</bpmn:incoming>", "");
        ContractReport report = check(cut);
        // nothing flows into the review any more except its rework loop: QC is reached only through the review
        assertThat(report.datasetProcess()).isFalse();
    }
}
