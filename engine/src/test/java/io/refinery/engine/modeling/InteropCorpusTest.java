package io.refinery.engine.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Artifact;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.DataAssociation;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.MessageFlow;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The designer's interop corpus ({@code designer/src/test/resources/interop}, BPMN files in the style of other tools'
 * exports) passes the safe reader unchanged, is schema-valid for the Camunda model API, and has DI for every element
 * so that bpmn-js can display it.
 */
class InteropCorpusTest {
    static final Path CORPUS = Path.of("..", "designer", "src", "test", "resources", "interop");
    private final SafeModelReader reader = new SafeModelReader(10L * 1024 * 1024);

    static Stream<Path> files() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(CORPUS)) {
            files = list.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void shouldReadEveryFileSafelyUnchangedAndWithFullDi(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        SafeModelReader.Parsed parsed;
        try (InputStream in = Files.newInputStream(file)) {
            parsed = reader.read(file.getFileName().toString(), in);
        }
        assertThat(parsed.kind()).isEqualTo(ModelKind.BPMN);
        assertThat(parsed.xml()).isEqualTo(text);

        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            if (element instanceof org.camunda.bpm.model.bpmn.instance.SequenceFlow) {
                assertThat(element.getDiagramElement()).as("edge of %s", element.getId()).isInstanceOf(BpmnEdge.class);
            } else if (!(element instanceof org.camunda.bpm.model.bpmn.instance.DataObject)) {
                assertThat(element.getDiagramElement()).as("shape of %s", element.getId()).isInstanceOf(BpmnShape.class);
            }
        }
        for (Class<? extends BaseElement> shaped : List.of(Participant.class, Lane.class)) {
            model.getModelElementsByType(shaped).forEach(e -> assertThat(e.getDiagramElement())
                    .as("shape of %s", e.getId()).isInstanceOf(BpmnShape.class));
        }
        // by id: the model API's Group.getDiagramElement() casts every DI element to an edge
        java.util.Set<String> drawn = new java.util.HashSet<>();
        model.getModelElementsByType(BpmnShape.class).forEach(d -> drawn.add(d.getBpmnElement().getId()));
        model.getModelElementsByType(BpmnEdge.class).forEach(d -> drawn.add(d.getBpmnElement().getId()));
        model.getModelElementsByType(Artifact.class).forEach(a -> assertThat(drawn).as("DI of %s", a.getId())
                .contains(a.getId()));
        model.getModelElementsByType(MessageFlow.class).forEach(f -> assertThat(f.getDiagramElement())
                .as("edge of %s", f.getId()).isInstanceOf(BpmnEdge.class));
        model.getModelElementsByType(DataAssociation.class).forEach(f -> assertThat(f.getDiagramElement())
                .as("edge of %s", f.getId()).isInstanceOf(BpmnEdge.class));
        assertThat(text).as("written in another tool's style").containsPattern("exporter=\"(?!Refinery)");
    }
}
