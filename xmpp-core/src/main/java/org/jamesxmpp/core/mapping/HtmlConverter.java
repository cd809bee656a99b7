package org.jamesxmpp.core.mapping;

import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML of mail ⇄ XHTML-IM (XEP-0071 recommended profile), and HTML to plain text. Link schemes are checked by
 * {@link XhtmlWriter} (jsoup's protocol check resolves every URL, which costs more than the rest of the cleaning).
 */
final class HtmlConverter {
    static final String XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml";
    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "table", "ul", "ol", "hr");
    private static final Safelist XHTML_IM = new Safelist()
        .addTags("a", "blockquote", "br", "cite", "code", "em", "img", "li", "ol", "p", "span", "strong", "ul")
        .addAttributes("a", "href", "type")
        .addAttributes("img", "alt", "height", "src", "width")
        .addAttributes("blockquote", "style")
        .addAttributes("p", "style")
        .addAttributes("span", "style");
    private static final Safelist INBOUND_HTML = new Safelist()
        .addTags("a", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "div", "dl", "dt",
            "em", "h1", "h2", "h3", "h4", "h5", "h6", "i", "img", "li", "ol", "p", "pre", "q", "small", "span", "strike",
            "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul")
        .addAttributes(":all", "style", "title")
        .addAttributes("a", "href")
        .addAttributes("img", "alt", "height", "src", "width");

    private HtmlConverter() {
    }

    /** A well-formed {@code <body xmlns='http://www.w3.org/1999/xhtml'>…</body>} for XHTML-IM. */
    static String toXhtmlImBody(String html) {
        Document parsed = Jsoup.parse(html);
        parsed.select("b").tagName("strong");
        parsed.select("i").tagName("em");
        Document cleaned = new Cleaner(XHTML_IM).clean(parsed);
        StringBuilder out = new StringBuilder(html.length());
        out.append("<body xmlns='").append(XHTML_NAMESPACE).append("'>");
        XhtmlWriter.writeChildren(cleaned.body(), out);
        return out.append("</body>").toString();
    }

    /** An HTML document from an XHTML-IM body received from a peer, sanitized. */
    static String toHtmlDocument(CharSequence xhtmlBody) {
        Document cleaned = new Cleaner(INBOUND_HTML).clean(Jsoup.parse(xhtmlBody.toString()));
        StringBuilder out = new StringBuilder(xhtmlBody.length() + 128);
        out.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/></head><body>");
        XhtmlWriter.writeChildren(cleaned.body(), out);
        return out.append("</body></html>\n").toString();
    }

    static String toText(String html) {
        StringBuilder text = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode) {
                    appendCollapsed(text, ((TextNode) node).text());
                } else if (node instanceof Element) {
                    String name = ((Element) node).normalName();
                    if (name.equals("br") || BLOCKS.contains(name)) {
                        newLine(text);
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element && BLOCKS.contains(((Element) node).normalName())) {
                    newLine(text);
                }
            }
        }, Jsoup.parse(html).body());
        return Texts.xmlSafe(text.toString().replaceAll("\n{3,}", "\n\n").strip());
    }

    private static void appendCollapsed(StringBuilder text, String value) {
        String collapsed = value.replaceAll("\\s+", " ");
        if (collapsed.startsWith(" ") && (text.length() == 0 || Character.isWhitespace(text.charAt(text.length() - 1)))) {
            collapsed = collapsed.substring(1);
        }
        text.append(collapsed);
    }

    private static void newLine(StringBuilder text) {
        while (text.length() > 0 && text.charAt(text.length() - 1) == ' ') {
            text.setLength(text.length() - 1);
        }
        text.append('\n');
    }
}
