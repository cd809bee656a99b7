package org.jamesxmpp.core.s2s.codec;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import com.fasterxml.aalto.AsyncByteBufferFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import com.google.common.base.Strings;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Turns the bytes of an XMPP stream into {@link StreamHeader}, top-level {@link XmlElement}s and
 * {@link StreamEnd}, with a non-blocking parser (no thread per stream). Enforces RFC 6120's
 * restricted XML (no DTD, processing instruction, comment or entity reference) and a size cap
 * per top-level element, counted from the end of the previous one (or of the stream header), so
 * that bytes of an element that never starts (an endless start tag or comment) count too; a
 * violation is fired as a {@link StreamException} and nothing more is read. Stateful: one per channel; {@link #restart()} after STARTTLS and SASL.
 */
public class XmppStreamDecoder extends ChannelInboundHandlerAdapter {
    public static final String STREAM_NAMESPACE = "http://etherx.jabber.org/streams";
    public static final String DIALBACK_NAMESPACE = "jabber:server:dialback";
    private static final AsyncXMLInputFactory FACTORY = createFactory();

    private record OpenElement(String namespace, String name, Map<String, String> attributes, List<XmlNode> nodes,
                               StringBuilder pendingText) {
        void flushText() {
            if (pendingText.length() > 0) {
                nodes.add(new XmlText(pendingText.toString()));
                pendingText.setLength(0);
            }
        }

        XmlElement build() {
            flushText();
            return new XmlElement(namespace, name, attributes, nodes);
        }
    }

    private final int maxElementSize;
    private final XmlLimits limits;
    private final Deque<OpenElement> openElements = new ArrayDeque<>();
    private AsyncXMLStreamReader<AsyncByteBufferFeeder> reader;
    private Utf8Validation utf8;
    private boolean streamOpen;
    private long fedBytes;
    /** Offset after the stream header, the last top-level element or whitespace between them. */
    private long boundary;
    private boolean failed;
    private boolean previousWasLessThan;
    /** Offset of the {@code <} that starts the element being read, -1 between elements. */
    private long elementStart = -1;

    public XmppStreamDecoder(int maxElementSize) {
        this(maxElementSize, XmlLimits.DEFAULT);
    }

    public XmppStreamDecoder(int maxElementSize, XmlLimits limits) {
        this.maxElementSize = maxElementSize;
        this.limits = limits;
        restart();
    }

    private static AsyncXMLInputFactory createFactory() {
        AsyncXMLInputFactory factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    /** Forgets the current stream: the next bytes start a new XML document (stream restart). */
    public void restart() {
        reader = FACTORY.createAsyncForByteBuffer();
        utf8 = new Utf8Validation();
        openElements.clear();
        streamOpen = false;
        fedBytes = 0;
        boundary = 0;
        previousWasLessThan = false;
        elementStart = -1;
    }

    /**
     * Whether a top-level element has started (its {@code <} arrived) and is not complete yet; whitespace between
     * elements does not count.
     */
    public boolean insideElement() {
        return streamOpen && !failed && elementStart >= boundary;
    }

    /** Where the element being read started, in bytes since the stream (re)start; -1 when none is. */
    public long elementStart() {
        return insideElement() ? elementStart : -1;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf buffer = (ByteBuf) msg;
        try {
            if (!failed && buffer.isReadable()) {
                decode(ctx, buffer);
            }
        } catch (StreamException e) {
            failed = true;
            ctx.fireExceptionCaught(e);
        } catch (XMLStreamException | RuntimeException e) {
            // the parser also throws its XMLStreamExceptions unchecked (text read lazily)
            failed = true;
            ctx.fireExceptionCaught(new StreamException(StreamErrorCondition.NOT_WELL_FORMED, e.getMessage()));
        } finally {
            ReferenceCountUtil.release(buffer);
        }
    }

    private void decode(ChannelHandlerContext ctx, ByteBuf buffer) throws XMLStreamException {
        ByteBuffer input = buffer.nioBufferCount() == 1
            ? buffer.nioBuffer()
            : ByteBuffer.wrap(ByteBufUtil.getBytes(buffer));
        if (!streamOpen) {
            refuseDoctype(input);
        }
        utf8.check(input);
        AsyncXMLStreamReader<AsyncByteBufferFeeder> current = reader;
        int base = input.position();
        int limit = input.limit();
        long inputOffset = fedBytes;
        current.getInputFeeder().feedInput(input);
        fedBytes += input.remaining();
        // Sizes are checked once the parser has taken what it can: a header and the stanzas after it may share a read.
        while (!failed && current == reader) {
            int event = current.next();
            if (event == AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                checkSize();
                break;
            }
            handleEvent(ctx, current, event);
        }
        if (current == reader) {
            trackElementStart(input, base, limit, inputOffset);
        }
    }

    private void trackElementStart(ByteBuffer input, int base, int limit, long inputOffset) {
        if (elementStart >= boundary) {
            return;
        }
        elementStart = -1;
        for (int i = base + (int) Math.max(0, boundary - inputOffset); i < limit; i++) {
            if (input.get(i) == '<') {
                elementStart = inputOffset + i - base;
                return;
            }
        }
    }

    /** Before the stream header only a DOCTYPE can start with {@code <!}: refused unread. */
    private void refuseDoctype(ByteBuffer input) {
        for (int i = input.position(); i < input.limit(); i++) {
            byte current = input.get(i);
            if (current == '!' && previousWasLessThan) {
                throw new StreamException(StreamErrorCondition.RESTRICTED_XML, "DTD");
            }
            previousWasLessThan = current == '<';
        }
    }

    private void checkSize() {
        if (!streamOpen && fedBytes > limits.maxHeaderSize()) {
            throw new StreamException(StreamErrorCondition.POLICY_VIOLATION, "stream header too large");
        }
        if (streamOpen && fedBytes - boundary > maxElementSize) {
            throw tooLarge();
        }
    }

    private StreamException tooLarge() {
        return new StreamException(StreamErrorCondition.POLICY_VIOLATION, "stanza larger than " + maxElementSize + " bytes");
    }

    private void handleEvent(ChannelHandlerContext ctx, AsyncXMLStreamReader<?> current, int event)
        throws XMLStreamException {
        switch (event) {
            case XMLStreamConstants.START_ELEMENT -> startElement(ctx, current);
            case XMLStreamConstants.END_ELEMENT -> endElement(ctx, current);
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text(current);
            case XMLStreamConstants.DTD -> throw new StreamException(StreamErrorCondition.RESTRICTED_XML, "DTD");
            case XMLStreamConstants.PROCESSING_INSTRUCTION ->
                throw new StreamException(StreamErrorCondition.RESTRICTED_XML, "processing instruction");
            case XMLStreamConstants.COMMENT -> throw new StreamException(StreamErrorCondition.RESTRICTED_XML, "comment");
            case XMLStreamConstants.ENTITY_REFERENCE ->
                throw new StreamException(StreamErrorCondition.RESTRICTED_XML, "entity reference");
            case XMLStreamConstants.END_DOCUMENT -> failed = true;
            default -> {
                // START_DOCUMENT (the XML declaration) needs nothing
            }
        }
    }

    private void startElement(ChannelHandlerContext ctx, AsyncXMLStreamReader<?> current) throws XMLStreamException {
        if (current.getAttributeCount() > limits.maxAttributes()) {
            throw new StreamException(StreamErrorCondition.POLICY_VIOLATION, "more than " + limits.maxAttributes() + " attributes");
        }
        if (!streamOpen) {
            openStream(ctx, current);
            boundary = current.getLocationInfo().getEndingByteOffset();
            return;
        }
        if (openElements.size() >= limits.maxDepth()) {
            throw new StreamException(StreamErrorCondition.POLICY_VIOLATION, "elements nested too deep");
        }
        OpenElement element = new OpenElement(Strings.nullToEmpty(current.getNamespaceURI()), current.getLocalName(),
            attributes(current), new ArrayList<>(), new StringBuilder());
        if (!openElements.isEmpty()) {
            openElements.peek().flushText();
        }
        openElements.push(element);
    }

    private void openStream(ChannelHandlerContext ctx, AsyncXMLStreamReader<?> current) {
        if (!STREAM_NAMESPACE.equals(current.getNamespaceURI()) || !"stream".equals(current.getLocalName())) {
            throw new StreamException(StreamErrorCondition.INVALID_NAMESPACE, "not a stream header");
        }
        String defaultNamespace = "";
        boolean dialback = false;
        for (int i = 0; i < current.getNamespaceCount(); i++) {
            String prefix = Strings.nullToEmpty(current.getNamespacePrefix(i));
            String uri = Strings.nullToEmpty(current.getNamespaceURI(i));
            if (prefix.isEmpty()) {
                defaultNamespace = uri;
            } else if ("db".equals(prefix) && DIALBACK_NAMESPACE.equals(uri)) {
                dialback = true;
            }
        }
        streamOpen = true;
        ctx.fireChannelRead(new StreamHeader(attributes(current), defaultNamespace, dialback));
    }

    private void endElement(ChannelHandlerContext ctx, AsyncXMLStreamReader<?> current) throws XMLStreamException {
        if (openElements.isEmpty()) {
            failed = true;
            ctx.fireChannelRead(StreamEnd.INSTANCE);
            return;
        }
        OpenElement finished = openElements.pop();
        if (openElements.isEmpty()) {
            long end = current.getLocationInfo().getEndingByteOffset();
            if (end - boundary > maxElementSize) {
                throw tooLarge();
            }
            boundary = end;
            ctx.fireChannelRead(finished.build());
        } else {
            openElements.peek().nodes().add(finished.build());
        }
    }

    private void text(AsyncXMLStreamReader<?> current) throws XMLStreamException {
        if (openElements.isEmpty()) {
            boundary = current.getLocationInfo().getEndingByteOffset();
            return;
        }
        openElements.peek().pendingText().append(current.getText());
    }

    private static Map<String, String> attributes(AsyncXMLStreamReader<?> current) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < current.getAttributeCount(); i++) {
            String namespace = Strings.nullToEmpty(current.getAttributeNamespace(i));
            String name = current.getAttributeLocalName(i);
            if (namespace.isEmpty()) {
                attributes.put(name, current.getAttributeValue(i));
            } else if (XMLConstants.XML_NS_URI.equals(namespace)) {
                attributes.put("xml:" + name, current.getAttributeValue(i));
            }
        }
        return attributes;
    }
}
