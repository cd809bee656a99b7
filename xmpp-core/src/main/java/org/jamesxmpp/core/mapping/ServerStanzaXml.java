package org.jamesxmpp.core.mapping;

import org.jamesxmpp.core.xep.SmackBootstrap;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StreamOpen;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * Serializes stanzas for a server-to-server stream. Smack writes {@code jabber:client}; s2s streams use
 * {@code jabber:server}.
 */
public final class ServerStanzaXml {
    private static final XmlEnvironment CLIENT_ENVIRONMENT = new XmlEnvironment(StreamOpen.CLIENT_NAMESPACE);

    private ServerStanzaXml() {
    }

    /** Standalone form: {@code <message xmlns='jabber:server' …>…</message>}. */
    public static String toXml(Stanza stanza) {
        SmackBootstrap.initialize();
        StringBuilder xml = flat(stanza);
        xml.insert(1 + stanza.getElementName().length(), " xmlns='" + StreamOpen.SERVER_NAMESPACE + "'");
        return xml.toString();
    }

    /**
     * Form for writing inside an open {@code <stream:stream xmlns='jabber:server'>}: the stanza and its
     * {@code body}/{@code subject}/{@code thread} children inherit the stream's default namespace.
     */
    public static String toStreamXml(Stanza stanza) {
        SmackBootstrap.initialize();
        return flat(stanza).toString();
    }

    private static StringBuilder flat(Stanza stanza) {
        CharSequence xml = stanza.toXML(CLIENT_ENVIRONMENT);
        if (xml instanceof XmlStringBuilder) {
            // Flattens nested builders chunk by chunk; toString() reads nested ones char by char (quadratic).
            return ((XmlStringBuilder) xml).toXML(CLIENT_ENVIRONMENT);
        }
        return new StringBuilder(xml);
    }
}
