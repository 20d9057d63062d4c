package io.refinery.engine.modeling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Starting points for new diagrams and the dataset step templates, all shipped in the workflows jar. Template
 * diagrams live under {@code templates/} (not {@code processes/}), so Camunda does not auto-deploy them; the standard
 * process and the QC decision are the deployed files themselves.
 */
@Component
class ModelTemplates {
    static final String ELEMENT_TEMPLATES = "element-templates/dataset-steps.json";

    /** Template name to classpath resource, in the order the designer lists them. */
    private static final Map<String, String> DIAGRAMS = new LinkedHashMap<>();

    static {
        DIAGRAMS.put("dataset-construction", "processes/dataset-construction.bpmn");
        DIAGRAMS.put("dataset-construction-no-review", "templates/no-expert-review.bpmn");
        DIAGRAMS.put("dataset-construction-two-gates", "templates/second-qc-gate.bpmn");
        DIAGRAMS.put("blank", "templates/blank.bpmn");
        DIAGRAMS.put("collect-prelabel", "templates/collect-prelabel.bpmn");
        DIAGRAMS.put("qc-gate", "processes/qc-gate.dmn");
        DIAGRAMS.put("blank-decision", "templates/blank-decision.dmn");
    }

    List<String> names() {
        return DIAGRAMS.entrySet().stream().filter(e -> exists(e.getValue())).map(Map.Entry::getKey).toList();
    }

    Optional<String> xml(String name) {
        String resource = DIAGRAMS.get(name);
        return resource == null || !exists(resource) ? Optional.empty() : Optional.of(text(resource));
    }

    /** The Camunda 7 element templates of the dataset steps, as JSON (an array). */
    String elementTemplates() {
        return text(ELEMENT_TEMPLATES);
    }

    private static boolean exists(String resource) {
        return ModelTemplates.class.getClassLoader().getResource(resource) != null;
    }

    private static String text(String resource) {
        try (InputStream in = ModelTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
