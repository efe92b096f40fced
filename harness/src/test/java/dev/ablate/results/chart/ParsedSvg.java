package dev.ablate.results.chart;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A chart's SVG parsed with the JDK's XML parser (so it is also checked to be well-formed XML), and the queries
 * tests make of it; {@link #select} understands the {@code tag.class} selectors {@link Chart} publishes, as a
 * browser's {@code querySelectorAll} would.
 */
final class ParsedSvg {

    private final Document document;

    private ParsedSvg(Document document) {
        this.document = document;
    }

    static ParsedSvg parse(String svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new ParsedSvg(factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg))));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    Element root() {
        return document.getDocumentElement();
    }

    /** The elements matching a {@code tag.class} selector, in document order. */
    List<Element> select(String selector) {
        String[] parts = selector.split("\\.", 2);
        List<Element> result = new ArrayList<>();
        for (Element e : elements(parts[0])) {
            if (Arrays.asList(e.getAttribute("class").split("\\s+")).contains(parts[1])) {
                result.add(e);
            }
        }
        return result;
    }

    int count(String selector) {
        return select(selector).size();
    }

    /** All elements named {@code tag}, in document order. */
    List<Element> elements(String tag) {
        NodeList nodes = document.getElementsByTagNameNS("*", tag);
        List<Element> result = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }

    /** The content of every {@code <text>} element. */
    List<String> texts() {
        return elements("text").stream().map(Element::getTextContent).toList();
    }

    /** Whether {@code element} lies inside an element matching {@code selector}. */
    boolean inside(Element element, String selector) {
        List<Element> containers = select(selector);
        for (Node n = element.getParentNode(); n instanceof Element parent; n = parent.getParentNode()) {
            if (containers.contains(parent)) {
                return true;
            }
        }
        return false;
    }
}
