package io.refinery.engine.modeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;

/**
 * Applies a dataset step element template ({@code element-templates/dataset-steps.json}) to an element of a model,
 * on the server, as the designer's properties panel does in the browser: every property's value (or the given
 * override, by binding name) goes where its binding says, and the element gets {@code camunda:modelerTemplate}.
 * Used to build processes from steps in tests and to check that each template alone yields a deployable step.
 * Handles the binding types the dataset templates use: {@code property}, {@code camunda:inputParameter},
 * {@code camunda:property}, {@code camunda:executionListener} (script).
 */
public final class ElementTemplates {
    static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

    private final Map<String, JsonNode> byId = new LinkedHashMap<>();

    private ElementTemplates(JsonNode templates) {
        templates.forEach(t -> byId.put(t.path("id").asText(), t));
    }

    /** The shipped dataset step templates. */
    public static ElementTemplates datasetSteps() {
        try (InputStream in = ElementTemplates.class.getClassLoader()
                .getResourceAsStream(ModelTemplates.ELEMENT_TEMPLATES)) {
            return new ElementTemplates(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, JsonNode> byId() {
        return byId;
    }

    /**
     * Applies template {@code templateId} to {@code element} (its type must be the template's element type).
     *
     * @param overrides values by binding name (e.g. {@code operators}, {@code camunda:candidateGroups}), replacing
     *                  the template's defaults as a user would in the properties panel
     */
    public void apply(String templateId, BaseElement element, Map<String, String> overrides) {
        JsonNode template = byId.get(templateId);
        if (template == null) {
            throw new IllegalArgumentException("no element template '" + templateId + "'");
        }
        BpmnModelInstance model = (BpmnModelInstance) element.getModelInstance();
        for (JsonNode property : template.path("properties")) {
            JsonNode binding = property.path("binding");
            String name = binding.path("name").asText();
            String value = overrides.getOrDefault(name, property.path("value").asText(""));
            switch (binding.path("type").asText()) {
                case "property" -> setProperty(element, name, value);
                case "camunda:inputParameter" -> inputParameter(model, element, name, value);
                case "camunda:property" -> camundaProperty(model, element, name, value);
                case "camunda:executionListener" -> executionListener(model, element,
                        binding.path("event").asText(), binding.path("scriptFormat").asText(), value);
                default -> throw new IllegalArgumentException("binding " + binding + " is not supported here");
            }
        }
        element.setAttributeValueNs(CAMUNDA_NS, "modelerTemplate", templateId);
        element.setAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion", template.path("version").asText("1"));
    }

    private static void setProperty(BaseElement element, String name, String value) {
        if (name.startsWith("camunda:")) {
            element.setAttributeValueNs(CAMUNDA_NS, name.substring("camunda:".length()), value);
        } else if ("id".equals(name)) {
            element.setId(value);
        } else {
            element.setAttributeValue(name, value);
        }
    }

    private static ExtensionElements extensions(BpmnModelInstance model, BaseElement element) {
        if (element.getExtensionElements() == null) {
            element.setExtensionElements(model.newInstance(ExtensionElements.class));
        }
        return element.getExtensionElements();
    }

    private static void inputParameter(BpmnModelInstance model, BaseElement element, String name, String value) {
        ExtensionElements ext = extensions(model, element);
        CamundaInputOutput io = ext.getElementsQuery().filterByType(CamundaInputOutput.class).list().stream()
                .findFirst().orElseGet(() -> ext.addExtensionElement(CamundaInputOutput.class));
        CamundaInputParameter parameter = model.newInstance(CamundaInputParameter.class);
        parameter.setCamundaName(name);
        parameter.setTextContent(value);
        io.addChildElement(parameter);
    }

    private static void camundaProperty(BpmnModelInstance model, BaseElement element, String name, String value) {
        ExtensionElements ext = extensions(model, element);
        CamundaProperties properties = ext.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .findFirst().orElseGet(() -> ext.addExtensionElement(CamundaProperties.class));
        CamundaProperty property = model.newInstance(CamundaProperty.class);
        property.setCamundaName(name);
        property.setCamundaValue(value);
        properties.addChildElement(property);
    }

    private static void executionListener(BpmnModelInstance model, BaseElement element, String event, String format,
                                          String script) {
        CamundaExecutionListener listener = extensions(model, element).addExtensionElement(CamundaExecutionListener.class);
        listener.setCamundaEvent(event);
        CamundaScript body = model.newInstance(CamundaScript.class);
        body.setCamundaScriptFormat(format);
        body.setTextContent(script);
        listener.setCamundaScript(body);
    }
}
