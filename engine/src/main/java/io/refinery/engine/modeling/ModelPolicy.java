package io.refinery.engine.modeling;

import io.refinery.workflows.DatasetSteps;
import io.refinery.workflows.PlatformExpressions;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What a manager may deploy: a process runs only what the platform offers. Refused, each on its element with the
 * reason: script tasks and scripts anywhere (listeners, input/output parameters, conditions in a script language,
 * DMN in a script language), Java classes ({@code camunda:class}, variable mapping classes), delegate expressions,
 * connectors and fields, service and send tasks that are not one of the worker topics some worker serves, listeners
 * other than the platform's own ({@link PlatformExpressions}), FEEL external (Java) functions, and every expression
 * that is not a plain variable read or comparison ({@link PlainExpression}). Admins may deploy anything; this check is
 * not run for them (their deploy is recorded with who and when).
 *
 * <p>Reads the XML with the JDK's StAX parser after {@link SafeModelReader} accepted it, so each problem carries its
 * line and column, and the id of the nearest element that has one.
 */
final class ModelPolicy {
    static final String SOURCE = "policy";
    private static final String CAMUNDA_BPMN = "http://camunda.org/schema/1.0/bpmn";
    private static final String CAMUNDA_DMN = "http://camunda.org/schema/1.0/dmn";
    /** Attributes (Camunda namespaces) that name Java code or scripts to run. */
    private static final Set<String> CODE_ATTRIBUTES = Set.of("class", "delegateExpression", "variableMappingClass",
            "variableMappingDelegateExpression", "resource", "scriptFormat");
    private static final Set<String> FEEL = Set.of("feel", "feel-scala", "http://www.omg.org/spec/feel/20140401",
            "https://www.omg.org/spec/dmn/20191111/feel/", "https://www.omg.org/spec/dmn/20180521/feel/");

    private final XMLInputFactory factory;

    ModelPolicy() {
        factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    private record Open(String localName, String namespace, String id, String language, StringBuilder text,
                        Location at, String parent, String scriptFormat) {
    }

    /** Every reason a manager may not deploy this file; empty when it runs only what the platform offers. */
    List<Problem> check(ModelFile file) {
        List<Problem> problems = new ArrayList<>();
        XMLStreamReader xml = null;
        try {
            xml = factory.createXMLStreamReader(new StringReader(file.xml()));
            Deque<Open> open = new ArrayDeque<>();
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    Open parent = open.peek();
                    String id = xml.getAttributeValue(null, "id");
                    String language = attribute(xml, "expressionLanguage");
                    Open element = new Open(xml.getLocalName(), xml.getNamespaceURI(),
                            id != null ? id : parent == null ? null : parent.id(),
                            language != null ? language.toLowerCase(Locale.ROOT) : parent == null ? null : parent.language(),
                            new StringBuilder(), xml.getLocation(), parent == null ? null : parent.localName(),
                            xml.getAttributeValue(null, "scriptFormat"));
                    open.push(element);
                    startElement(xml, element, problems);
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (!open.isEmpty()) {
                        open.peek().text().append(xml.getText());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    text(open.pop(), problems);
                }
            }
        } catch (XMLStreamException e) {
            // SafeModelReader accepted the file; the engine's parse reports anything else with its line
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release
                }
            }
        }
        return problems;
    }

    private void startElement(XMLStreamReader xml, Open element, List<Problem> problems) {
        String name = element.localName();
        boolean bpmn = SafeModelReader.BPMN_NS.equals(element.namespace());
        boolean camunda = CAMUNDA_BPMN.equals(element.namespace()) || CAMUNDA_DMN.equals(element.namespace());
        if (bpmn && name.equals("scriptTask")) {
            add(problems, element, "is a script task: a manager's process runs only the platform's steps");
        }
        if (camunda && name.equals("script")) {
            return; // judged with its text: only the platform's own JUEL listener script passes (see text())
        }
        if (camunda && (name.equals("connector") || name.equals("field"))) {
            add(problems, element, "has a camunda:" + name + ": connectors and class fields are for admins");
        }
        if (bpmn && name.equals("conditionExpression") && xml.getAttributeValue(null, "language") != null) {
            add(problems, element, "has a condition in script language '" + xml.getAttributeValue(null, "language")
                    + "': use a plain comparison such as ${approved}");
        }
        if (bpmn && (name.equals("serviceTask") || name.equals("sendTask") || name.equals("businessRuleTask"))) {
            platformStep(xml, element, problems);
        }
        boolean listener = camunda && (name.equals("executionListener") || name.equals("taskListener"));
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String ns = xml.getAttributeNamespace(i);
            String attribute = xml.getAttributeLocalName(i);
            String value = xml.getAttributeValue(i);
            boolean camundaAttribute = CAMUNDA_BPMN.equals(ns) || CAMUNDA_DMN.equals(ns) || (camunda && ns == null);
            if (attribute.equals("expressionLanguage") && !value.isBlank()
                    && !FEEL.contains(value.toLowerCase(Locale.ROOT)) && !value.equalsIgnoreCase("juel")) {
                add(problems, element, "uses expression language '" + value + "': only FEEL and plain JUEL reads");
            }
            if (camundaAttribute && CODE_ATTRIBUTES.contains(attribute)) {
                add(problems, element, "has camunda:" + attribute + "=\"" + value + "\": Java classes, delegate"
                        + " expressions and scripts are for admins");
                continue;
            }
            if (camundaAttribute && attribute.equals("expression")) {
                if (!listener || !PlatformExpressions.isPlatform(value)) {
                    add(problems, element, (listener ? "has a listener" : "calls") + " expression " + value
                            + ": only the platform's own listeners may run code");
                }
                continue;
            }
            expression(value, element, problems);
        }
    }

    /** Service, send and business rule tasks must be a dataset step: a served worker topic, or a decision table. */
    private static void platformStep(XMLStreamReader xml, Open element, List<Problem> problems) {
        String type = xml.getAttributeValue(CAMUNDA_BPMN, "type");
        String topic = xml.getAttributeValue(CAMUNDA_BPMN, "topic");
        String decisionRef = xml.getAttributeValue(CAMUNDA_BPMN, "decisionRef");
        if (element.localName().equals("businessRuleTask") && decisionRef != null) {
            if (!PlainExpression.bodies(decisionRef).isEmpty()) {
                add(problems, element, "names its decision by an expression (" + decisionRef + "): name the decision key");
            }
            return;
        }
        if (!"external".equals(type)) {
            add(problems, element, "is not a dataset step: service, send and business rule tasks must be worker steps"
                    + " (camunda:type=\"external\" with a topic a worker serves) or the QC decision table");
        } else if (topic != null && !DatasetSteps.SERVED_TOPICS.contains(topic)) {
            add(problems, element, "has topic '" + topic + "', which no worker serves (served: "
                    + String.join(", ", new java.util.TreeSet<>(DatasetSteps.SERVED_TOPICS)) + ")");
        }
    }

    private static void text(Open element, List<Problem> problems) {
        String text = element.text().toString();
        boolean camunda = CAMUNDA_BPMN.equals(element.namespace()) || CAMUNDA_DMN.equals(element.namespace());
        if (camunda && element.localName().equals("script")) {
            // Camunda 7 element templates can only give listeners as scripts: the platform's one JUEL line is allowed
            boolean listener = "executionListener".equals(element.parent()) || "taskListener".equals(element.parent());
            if (!listener || !"juel".equalsIgnoreCase(element.scriptFormat()) || !PlatformExpressions.isPlatform(text.strip())) {
                add(problems, element, "has a script (" + (element.scriptFormat() == null ? "no format"
                        : element.scriptFormat()) + "): scripts are for admins; the platform's own listeners only");
            }
            return;
        }
        if (text.isBlank() || element.localName().equals("documentation")
                || element.localName().equals("text") && SafeModelReader.BPMN_NS.equals(element.namespace())) {
            return; // never evaluated
        }
        boolean dmnText = element.localName().equals("text") && SafeModelReader.DMN_NS.contains(element.namespace());
        if (dmnText && "juel".equals(element.language())) {
            // JUEL in a decision table needs no ${ }: the whole text is the expression
            String problem = PlatformExpressions.isPlatform("${" + text + "}") ? null : PlainExpression.check(text);
            if (problem != null) {
                add(problems, element, "has expression '" + text.strip() + "' that " + problem);
            }
            return;
        }
        if (dmnText && (text.matches("(?s).*\\bexternal\\b.*") || text.matches("(?s).*\\bjava\\s*:.*"))) {
            add(problems, element, "defines an external (Java) function in FEEL: '" + text.strip() + "'");
            return;
        }
        expression(text, element, problems);
    }

    private static void expression(String text, Open element, List<Problem> problems) {
        if (text == null || (!text.contains("${") && !text.contains("#{")) || PlatformExpressions.isPlatform(text.strip())) {
            return;
        }
        for (String body : PlainExpression.bodies(text)) {
            String problem = PlainExpression.check(body);
            if (problem != null) {
                add(problems, element, "has expression ${" + body.strip() + "} that " + problem);
            }
        }
    }

    private static String attribute(XMLStreamReader xml, String localName) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeLocalName(i).equals(localName)) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }

    private static void add(List<Problem> problems, Open element, String reason) {
        String what = element.id() != null ? "'" + element.id() + "'" : "<" + element.localName() + ">";
        problems.add(new Problem(element.id(), "Element " + what + " (" + element.localName() + ") " + reason,
                SOURCE, element.at() == null ? null : element.at().getLineNumber(),
                element.at() == null ? null : element.at().getColumnNumber()));
    }
}
