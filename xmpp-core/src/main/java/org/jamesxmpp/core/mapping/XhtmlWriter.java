package org.jamesxmpp.core.mapping;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Writes a (cleaned) jsoup tree as well-formed XHTML with our own escaping: faster than jsoup's output, which looks
 * up a thread-local encoder for every text node, and never emits a character XML cannot carry. Link attributes
 * ({@code href}, {@code src}) are kept only with a safe scheme: no {@code javascript:}, no {@code data:}.
 */
final class XhtmlWriter {
    private static final List<String> SAFE_SCHEMES = List.of("http:", "https:", "mailto:", "xmpp:", "cid:");
    private static final Set<String> VOID_ELEMENTS = Set.of("br", "img", "hr", "meta");

    private XhtmlWriter() {
    }

    static void writeChildren(Element parent, StringBuilder out) {
        for (Node child : parent.childNodes()) {
            NodeTraversor.traverse(new NodeVisitor() {
                @Override
                public void head(Node node, int depth) {
                    if (node instanceof TextNode) {
                        escape(((TextNode) node).getWholeText(), out, false);
                    } else if (node instanceof Element) {
                        Element element = (Element) node;
                        out.append('<').append(element.normalName());
                        for (Attribute attribute : element.attributes()) {
                            if (isLink(attribute.getKey()) && !hasSafeScheme(attribute.getValue())) {
                                continue;
                            }
                            out.append(' ').append(attribute.getKey()).append("=\"");
                            escape(attribute.getValue(), out, true);
                            out.append('"');
                        }
                        out.append(VOID_ELEMENTS.contains(element.normalName()) ? "/>" : ">");
                    }
                }

                @Override
                public void tail(Node node, int depth) {
                    if (node instanceof Element && !VOID_ELEMENTS.contains(((Element) node).normalName())) {
                        out.append("</").append(((Element) node).normalName()).append('>');
                    }
                }
            }, child);
        }
    }

    private static boolean isLink(String attribute) {
        return attribute.equals("href") || attribute.equals("src");
    }

    private static boolean hasSafeScheme(String url) {
        String value = url.strip().toLowerCase(Locale.ROOT);
        return SAFE_SCHEMES.stream().anyMatch(value::startsWith);
    }

    private static void escape(String value, StringBuilder out, boolean attribute) {
        String safe = Texts.xmlSafe(value);
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            switch (c) {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '"':
                    out.append(attribute ? "&quot;" : "\"");
                    break;
                default:
                    out.append(c);
            }
        }
    }
}
