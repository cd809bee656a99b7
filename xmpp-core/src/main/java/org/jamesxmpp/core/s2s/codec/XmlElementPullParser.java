package org.jamesxmpp.core.s2s.codec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;

import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/**
 * Smack's pull parser over an element the stream decoder already read, so Smack's providers parse a stanza without it
 * being written out as XML and tokenized a second time. Reports what Smack's StAX parser reports for the text
 * {@link XmlElement#toXml} writes: namespaces declared as default namespaces where they change, adjacent text as one
 * event, a CR in text read as a line end (as the re-read text was), depth counted as {@code StaxXmlPullParser} does.
 */
final class XmlElementPullParser implements XmlPullParser {
    private final NamespaceRewrite rewrite;
    private final Deque<Frame> open = new ArrayDeque<>();
    private Event event = Event.START_ELEMENT;
    private Frame current;
    private String text;
    private int depth = 1;
    private boolean delayedDepthDecrement;

    XmlElementPullParser(XmlElement root, NamespaceRewrite rewrite) {
        this.rewrite = rewrite;
        this.current = new Frame(root, rewrite.rewrite(root.namespace()), "");
        open.push(current);
    }

    @Override
    public Event next() {
        preNextEvent();
        if (event == Event.END_DOCUMENT || open.isEmpty()) {
            event = Event.END_DOCUMENT;
            return event;
        }
        Frame parent = open.peek();
        List<XmlNode> nodes = parent.element.nodes();
        while (parent.index < nodes.size()) {
            XmlNode node = nodes.get(parent.index++);
            if (node instanceof XmlElement child) {
                current = new Frame(child, rewrite.rewrite(child.namespace()), parent.namespace);
                open.push(current);
                depth++;
                event = Event.START_ELEMENT;
                return event;
            }
            String coalesced = coalesceText(parent, ((XmlText) node).text());
            if (!coalesced.isEmpty()) {
                text = coalesced;
                event = Event.TEXT_CHARACTERS;
                return event;
            }
        }
        current = open.pop();
        delayedDepthDecrement = true;
        event = Event.END_ELEMENT;
        return event;
    }

    private static String coalesceText(Frame parent, String first) {
        List<XmlNode> nodes = parent.element.nodes();
        if (parent.index >= nodes.size() || !(nodes.get(parent.index) instanceof XmlText)) {
            return asReread(first);
        }
        StringBuilder joined = new StringBuilder(first);
        while (parent.index < nodes.size() && nodes.get(parent.index) instanceof XmlText more) {
            joined.append(more.text());
            parent.index++;
        }
        return asReread(joined.toString());
    }

    /** {@link Xml#escapeText} leaves CR as it is, so the re-read text had its line ends normalized. */
    private static String asReread(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    @Override
    public String nextText() throws XmlPullParserException {
        if (event != Event.START_ELEMENT) {
            throw new XmlPullParserException("nextText() needs a start element, at " + event);
        }
        StringBuilder content = new StringBuilder();
        for (XmlNode node : current.element.nodes()) {
            if (node instanceof XmlElement child) {
                throw new XmlPullParserException("element text expected, found <" + child.name() + "> in <"
                    + current.element.name() + ">");
            }
            content.append(((XmlText) node).text());
        }
        current.index = current.element.nodes().size();
        open.pop();
        delayedDepthDecrement = true;
        event = Event.END_ELEMENT;
        return asReread(content.toString());
    }

    @Override
    public TagEvent nextTag() throws XmlPullParserException {
        Event next = next();
        while (next == Event.TEXT_CHARACTERS && isWhiteSpace()) {
            next = next();
        }
        return switch (next) {
            case START_ELEMENT -> TagEvent.START_ELEMENT;
            case END_ELEMENT -> TagEvent.END_ELEMENT;
            default -> throw new XmlPullParserException("start or end tag expected, found " + next);
        };
    }

    private void preNextEvent() {
        if (delayedDepthDecrement) {
            depth--;
            delayedDepthDecrement = false;
        }
    }

    @Override
    public Event getEventType() {
        return event;
    }

    @Override
    public int getDepth() {
        return depth;
    }

    @Override
    public boolean isWhiteSpace() {
        return event == Event.TEXT_CHARACTERS && text.isBlank();
    }

    @Override
    public String getText() {
        return event == Event.TEXT_CHARACTERS ? text : null;
    }

    @Override
    public String getNamespace() {
        return current.namespace;
    }

    @Override
    public String getName() {
        return current.element.name();
    }

    @Override
    public QName getQName() {
        return new QName(current.namespace, current.element.name(), XMLConstants.DEFAULT_NS_PREFIX);
    }

    @Override
    public String getPrefix() {
        return XMLConstants.DEFAULT_NS_PREFIX;
    }

    @Override
    public String getNamespace(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return event == Event.TEXT_CHARACTERS ? open.peek().namespace : current.namespace;
        }
        return switch (prefix) {
            case XMLConstants.XML_NS_PREFIX -> XMLConstants.XML_NS_URI;
            case XMLConstants.XMLNS_ATTRIBUTE -> XMLConstants.XMLNS_ATTRIBUTE_NS_URI;
            default -> null;
        };
    }

    @Override
    public int getNamespaceCount() {
        return current.namespace.equals(current.inheritedNamespace) ? 0 : 1;
    }

    @Override
    public String getNamespacePrefix(int pos) {
        return null;
    }

    @Override
    public String getNamespaceUri(int pos) {
        return pos == 0 && getNamespaceCount() == 1 ? current.namespace : null;
    }

    @Override
    public int getAttributeCount() {
        return event == Event.START_ELEMENT ? current.attributeKeys().length : -1;
    }

    @Override
    public String getAttributeNamespace(int index) {
        String prefix = getAttributePrefix(index);
        return prefix == null ? null : prefix.isEmpty() ? XMLConstants.NULL_NS_URI : getNamespace(prefix);
    }

    @Override
    public String getAttributeName(int index) {
        String key = attributeKey(index);
        return key == null ? null : key.substring(key.indexOf(':') + 1);
    }

    @Override
    public QName getAttributeQName(int index) {
        String key = attributeKey(index);
        return key == null ? null : new QName(getAttributeNamespace(index), getAttributeName(index), getAttributePrefix(index));
    }

    @Override
    public String getAttributePrefix(int index) {
        String key = attributeKey(index);
        if (key == null) {
            return null;
        }
        int colon = key.indexOf(':');
        return colon < 0 ? XMLConstants.DEFAULT_NS_PREFIX : key.substring(0, colon);
    }

    @Override
    public String getAttributeType(int index) {
        return attributeKey(index) == null ? null : "CDATA";
    }

    @Override
    public String getAttributeValue(int index) {
        String key = attributeKey(index);
        return key == null ? null : current.element.attributes().get(key);
    }

    @Override
    public String getAttributeValue(String namespace, String name) {
        String[] keys = current.attributeKeys();
        for (int i = 0; i < keys.length; i++) {
            if (name.equals(getAttributeName(i)) && (namespace == null || namespace.equals(getAttributeNamespace(i)))) {
                return current.element.attributes().get(keys[i]);
            }
        }
        return null;
    }

    private String attributeKey(int index) {
        if (event != Event.START_ELEMENT) {
            return null;
        }
        String[] keys = current.attributeKeys();
        return index >= 0 && index < keys.length ? keys[index] : null;
    }

    @Override
    public Object getProperty(String name) {
        return null;
    }

    @Override
    public String getInputEncoding() {
        return "UTF-8";
    }

    @Override
    public String getPositionDescription() {
        return event + " <" + current.element.name() + "> at depth " + depth;
    }

    @Override
    public int getLineNumber() {
        return -1;
    }

    @Override
    public int getColumnNumber() {
        return -1;
    }

    @Override
    public boolean supportsRoundtrip() {
        return false;
    }

    private static final class Frame {
        private final XmlElement element;
        private final String namespace;
        private final String inheritedNamespace;
        private String[] attributeKeys;
        private int index;

        private Frame(XmlElement element, String namespace, String inheritedNamespace) {
            this.element = element;
            this.namespace = namespace;
            this.inheritedNamespace = inheritedNamespace;
        }

        private String[] attributeKeys() {
            if (attributeKeys == null) {
                Map<String, String> attributes = element.attributes();
                attributeKeys = attributes.keySet().toArray(String[]::new);
            }
            return attributeKeys;
        }
    }
}
