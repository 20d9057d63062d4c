package io.refinery.engine.modeling;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an outside BPMN/DMN file with limits before any other parser sees it: at most {@code maxBytes} are read (a
 * larger stream is refused after {@code maxBytes + 1} bytes, never buffered whole), a DOCTYPE is refused (so no
 * external entity and no entity expansion can happen: BPMN and DMN never need one), nesting depth and element count
 * are bounded, and the document must be well-formed. The JDK's own StAX parser is used whatever else is on the
 * classpath, with DTD support and external entities switched off as a second line.
 */
final class SafeModelReader {
    static final int MAX_DEPTH = 256;
    static final int MAX_ELEMENTS = 1_000_000;

    static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    /** DMN 1.1 to 1.5, as Camunda Modeler, dmn-js and other tools write them. */
    static final Set<String> DMN_NS = Set.of(
            "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
            "http://www.omg.org/spec/DMN/20180521/MODEL/",
            "https://www.omg.org/spec/DMN/20191111/MODEL/",
            "https://www.omg.org/spec/DMN/20211108/MODEL/",
            "https://www.omg.org/spec/DMN/20230324/MODEL/");

    private static final Pattern NAME = Pattern.compile("[^/\\\\\\p{Cntrl}]{1,200}");
    private static final Pattern EXTERNAL = Pattern.compile("<!ENTITY[^>]*\\s(SYSTEM|PUBLIC)\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("<!ENTITY", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXTERNAL_DTD = Pattern.compile("<!DOCTYPE\\s+\\S+\\s+(SYSTEM|PUBLIC)\\s",
            Pattern.CASE_INSENSITIVE);

    /** What the reader found: the kind, the text unchanged, and the key of the first process or decision. */
    record Parsed(ModelKind kind, String xml, String key) {
    }

    private final long maxBytes;
    private final XMLInputFactory factory;

    SafeModelReader(long maxBytes) {
        this.maxBytes = maxBytes;
        this.factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external resource '" + systemId + "' refused");
        });
    }

    long maxBytes() {
        return maxBytes;
    }

    Parsed read(String fileName, InputStream in) {
        checkName(fileName);
        return parse(fileName, readAtMost(fileName, in));
    }

    Parsed read(String fileName, String xml) {
        checkName(fileName);
        byte[] bytes = xml == null ? new byte[0] : xml.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw tooLarge(fileName, bytes.length + " bytes");
        }
        return parse(fileName, bytes);
    }

    private static void checkName(String fileName) {
        if (fileName == null || !NAME.matcher(fileName).matches() || fileName.isBlank()) {
            throw new ModelRejected(ModelRejected.BAD_NAME, fileName, null, null,
                    "a file name must have 1 to 200 characters and no '/', '\\' or control characters");
        }
    }

    private byte[] readAtMost(String fileName, InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            int n;
            while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes + 1 - total))) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(fileName, "more than " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading '" + fileName + "'", e);
        }
        return out.toByteArray();
    }

    private ModelRejected tooLarge(String fileName, String size) {
        return new ModelRejected(ModelRejected.TOO_LARGE, fileName, null, null, "the file is too large (" + size
                + "); the limit is " + megabytes(maxBytes) + " (" + maxBytes + " bytes, setting refinery.models.max-bytes)");
    }

    private static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private Parsed parse(String fileName, byte[] bytes) {
        if (isBlank(bytes)) {
            throw new ModelRejected(ModelRejected.EMPTY, fileName, null, null, "the file is empty");
        }
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
            ModelKind kind = null;
            String key = null;
            String fallbackKey = null;
            int depth = 0;
            long elements = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw doctype(fileName, reader.getLocation(), reader.getText());
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new ModelRejected(ModelRejected.ENTITY_EXPANSION, fileName, line(reader.getLocation()),
                            column(reader.getLocation()), "entity reference '&" + reader.getLocalName()
                            + ";' refused: BPMN and DMN files use no entities besides the five predefined ones");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    elements++;
                    if (depth > MAX_DEPTH) {
                        throw new ModelRejected(ModelRejected.TOO_DEEP, fileName, line(reader.getLocation()),
                                column(reader.getLocation()), "elements are nested deeper than " + MAX_DEPTH + " levels");
                    }
                    if (elements > MAX_ELEMENTS) {
                        throw new ModelRejected(ModelRejected.TOO_MANY_ELEMENTS, fileName, line(reader.getLocation()),
                                column(reader.getLocation()), "the file has more than " + MAX_ELEMENTS + " elements");
                    }
                    if (kind == null) {
                        kind = kindOf(fileName, reader);
                    } else if (depth == 2) {
                        String local = reader.getLocalName();
                        String id = reader.getAttributeValue(null, "id");
                        if (kind == ModelKind.BPMN && "process".equals(local)) {
                            if (key == null && "true".equals(reader.getAttributeValue(null, "isExecutable"))) {
                                key = id;
                            }
                            fallbackKey = fallbackKey == null ? id : fallbackKey;
                        } else if (kind == ModelKind.DMN && "decision".equals(local) && key == null) {
                            key = id;
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            return new Parsed(kind, text(bytes, reader), key != null ? key : fallbackKey);
        } catch (XMLStreamException e) {
            throw notXml(fileName, e);
        } finally {
            close(reader);
        }
    }

    private static ModelKind kindOf(String fileName, XMLStreamReader root) {
        String ns = root.getNamespaceURI() == null ? "" : root.getNamespaceURI();
        if ("definitions".equals(root.getLocalName())) {
            if (BPMN_NS.equals(ns)) {
                return ModelKind.BPMN;
            }
            if (DMN_NS.contains(ns)) {
                return ModelKind.DMN;
            }
        }
        throw new ModelRejected(ModelRejected.NOT_BPMN, fileName, line(root.getLocation()), column(root.getLocation()),
                "not a BPMN 2.0 or DMN file: the root element is <" + root.getLocalName() + ">"
                        + (ns.isEmpty() ? " without namespace" : " in namespace " + ns)
                        + ", expected <definitions> in namespace " + BPMN_NS + " (BPMN) or a DMN namespace");
    }

    private static ModelRejected doctype(String fileName, Location at, String dtd) {
        String text = dtd == null ? "" : dtd;
        if (EXTERNAL.matcher(text).find() || EXTERNAL_DTD.matcher(text).find()) {
            return new ModelRejected(ModelRejected.XXE, fileName, line(at), column(at),
                    "external entities are not allowed: the DOCTYPE declares or loads an external entity or DTD"
                            + " (XXE); BPMN and DMN files need no DOCTYPE, remove it");
        }
        if (ENTITY.matcher(text).find()) {
            return new ModelRejected(ModelRejected.ENTITY_EXPANSION, fileName, line(at), column(at),
                    "entity declarations are not allowed: the DOCTYPE declares entities (an entity expansion bomb"
                            + " such as billion laughs would start like this); BPMN and DMN files need no DOCTYPE, remove it");
        }
        return new ModelRejected(ModelRejected.DOCTYPE, fileName, line(at), column(at),
                "a DOCTYPE is not allowed: BPMN and DMN files need none, remove it");
    }

    private static ModelRejected notXml(String fileName, XMLStreamException e) {
        Location at = e.getLocation();
        String message = e.getMessage() == null ? "unreadable" : e.getMessage();
        // the JDK prefixes "ParseError at [row,col]:[l,c]\nMessage: "; keep the message only
        int cut = message.indexOf("Message: ");
        if (cut >= 0) {
            message = message.substring(cut + "Message: ".length());
        }
        if (message.contains("was referenced, but not declared") || message.contains("entity")) {
            return new ModelRejected(ModelRejected.ENTITY_EXPANSION, fileName, line(at), column(at),
                    "entities are not allowed (" + message.strip() + ")");
        }
        return new ModelRejected(ModelRejected.NOT_XML, fileName, line(at), column(at),
                "not well-formed XML: " + message.strip());
    }

    private static String text(byte[] bytes, XMLStreamReader reader) {
        String declared = reader.getCharacterEncodingScheme();
        String detected = reader.getEncoding();
        Charset charset = StandardCharsets.UTF_8;
        try {
            if (declared != null) {
                charset = Charset.forName(declared);
            } else if (detected != null) {
                charset = Charset.forName(detected);
            }
        } catch (IllegalArgumentException e) {
            charset = StandardCharsets.UTF_8;
        }
        String text = new String(bytes, charset);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static Integer line(Location at) {
        return at == null || at.getLineNumber() < 0 ? null : at.getLineNumber();
    }

    private static Integer column(Location at) {
        return at == null || at.getColumnNumber() < 0 ? null : at.getColumnNumber();
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing held open: the input is a byte array
            }
        }
    }
}
