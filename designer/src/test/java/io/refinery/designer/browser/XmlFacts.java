package io.refinery.designer.browser;

import java.io.StringReader;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * What an import/export round trip must keep of a BPMN file: every {@code id}, and every element and attribute in a
 * namespace that is not BPMN's own (the tools' extensions), as {@code {namespace}name} and {@code {namespace}name=value}.
 */
record XmlFacts(Set<String> ids, Set<String> vendorElements, Set<String> vendorAttributes) {
    private static final Set<String> STANDARD = Set.of("http://www.omg.org/spec/BPMN/20100524/MODEL",
            "http://www.omg.org/spec/BPMN/20100524/DI", "http://www.omg.org/spec/DD/20100524/DC",
            "http://www.omg.org/spec/DD/20100524/DI", XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI,
            XMLConstants.XMLNS_ATTRIBUTE_NS_URI);

    static XmlFacts of(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        XmlFacts facts = new XmlFacts(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        facts.collect(root);
        return facts;
    }

    private void collect(Element element) {
        String ns = element.getNamespaceURI();
        if (ns != null && !STANDARD.contains(ns)) {
            vendorElements.add("{" + ns + "}" + element.getLocalName());
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            String ans = a.getNamespaceURI();
            if ("id".equals(a.getName())) {
                ids.add(a.getValue());
            } else if (ans != null && !STANDARD.contains(ans)) {
                vendorAttributes.add("{" + ans + "}" + a.getLocalName() + "=" + a.getValue());
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                collect(e);
            }
        }
    }
}
