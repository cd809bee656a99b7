package org.jamesxmpp.core.s2s.codec;

import java.util.Optional;

import org.jamesxmpp.core.xep.SmackBootstrap;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * The one place stanzas become XML and back, for the wire and for everything else (golden files, benchmarks).
 * Smack only knows {@code jabber:client}: on the way in, {@code jabber:server} is renamed to it (so Smack's body,
 * subject and thread parsing applies); on the way out, the stanza is written without a namespace so that it
 * inherits the stream's {@code jabber:server}.
 */
public final class StanzaCodec {
    public static final String SERVER_NAMESPACE = "jabber:server";
    public static final String CLIENT_NAMESPACE = "jabber:client";
    private static final NamespaceRewrite SERVER_AS_CLIENT =
        namespace -> SERVER_NAMESPACE.equals(namespace) ? CLIENT_NAMESPACE : namespace;
    private static final XmlEnvironment CLIENT_ENVIRONMENT = XmlEnvironment.builder()
        .withNamespace(CLIENT_NAMESPACE)
        .build();

    private StanzaCodec() {
    }

    public static boolean isStanza(XmlElement element) {
        return SERVER_NAMESPACE.equals(element.namespace())
            && ("message".equals(element.name()) || "presence".equals(element.name()) || "iq".equals(element.name()));
    }

    /** Smack's providers read the decoded element directly ({@link XmlElementPullParser}): no second tokenizing. */
    public static Stanza parse(XmlElement element) {
        SmackBootstrap.initialize();
        try {
            return PacketParserUtils.parseStanza(new XmlElementPullParser(element, SERVER_AS_CLIENT), XmlEnvironment.EMPTY);
        } catch (Exception e) {
            throw new StreamException(StreamErrorCondition.BAD_FORMAT, "unparsable stanza: " + e.getMessage());
        }
    }

    /** The stanza as it goes on a stream (no namespace: inherits {@code jabber:server}), with its size. */
    public static EncodedStanza encode(Stanza stanza) {
        SmackBootstrap.initialize();
        CharSequence xml = stanza.toXML(CLIENT_ENVIRONMENT);
        // Flattens nested builders chunk by chunk: their toString() reads nested ones char by char (quadratic).
        String text = xml instanceof XmlStringBuilder builder ? builder.toXML(CLIENT_ENVIRONMENT).toString() : xml.toString();
        return new EncodedStanza(stanza.getElementName(), Optional.ofNullable(stanza.getFrom()),
            Optional.ofNullable(stanza.getTo()), Optional.ofNullable(stanza.getStanzaId()), text);
    }

    public static String serialize(Stanza stanza) {
        return encode(stanza).xml();
    }
}
