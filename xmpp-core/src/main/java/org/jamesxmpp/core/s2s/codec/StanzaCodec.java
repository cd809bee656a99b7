package org.jamesxmpp.core.s2s.codec;

import org.jamesxmpp.core.xep.SmackBootstrap;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;

/**
 * Converts between our elements and Smack stanzas. Smack only knows {@code jabber:client}: on
 * the way in, {@code jabber:server} is renamed to it (so Smack's body, subject and thread
 * parsing applies); on the way out, the stanza is written without a namespace so that it
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

    public static Stanza parse(XmlElement element) {
        SmackBootstrap.initialize();
        try {
            return PacketParserUtils.parseStanza(element.toXml(SERVER_AS_CLIENT));
        } catch (Exception e) {
            throw new StreamException(StreamErrorCondition.BAD_FORMAT, "unparsable stanza: " + e.getMessage());
        }
    }

    /** The stanza as it goes on an s2s stream (no namespace: inherits {@code jabber:server}). */
    public static String serialize(Stanza stanza) {
        SmackBootstrap.initialize();
        return stanza.toXML(CLIENT_ENVIRONMENT).toString();
    }
}
