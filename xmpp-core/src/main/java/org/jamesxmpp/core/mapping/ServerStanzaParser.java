package org.jamesxmpp.core.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.jamesxmpp.core.xep.SmackBootstrap;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StreamOpen;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/**
 * Turns one complete s2s {@code <message/>} (namespace {@code jabber:server}, or {@code jabber:client}) into a Smack
 * {@link Message}, with our extension providers registered. Input is checked as RFC 6120 restricted XML first.
 */
public final class ServerStanzaParser {
    public static final int MAX_DEPTH = 32;

    private ServerStanzaParser() {
    }

    public static Message parseMessage(byte[] utf8) throws MappingException {
        return parseMessage(new String(utf8, StandardCharsets.UTF_8));
    }

    public static Message parseMessage(String xml) throws MappingException {
        SmackBootstrap.initialize();
        RestrictedXml.check(xml, MAX_DEPTH);
        try {
            XmlPullParser parser = PacketParserUtils.getParserFor(xml);
            String namespace = parser.getNamespace();
            if (!Message.ELEMENT.equals(parser.getName())
                || !(StreamOpen.SERVER_NAMESPACE.equals(namespace) || StreamOpen.CLIENT_NAMESPACE.equals(namespace))) {
                throw new MappingException(MappingException.Reason.MALFORMED_STANZA,
                    "expected a message stanza, got " + parser.getName() + " in " + namespace);
            }
            return PacketParserUtils.parseMessage(parser, XmlEnvironment.EMPTY);
        } catch (XmlPullParserException | IOException | SmackParsingException | RuntimeException e) {
            throw new MappingException(MappingException.Reason.MALFORMED_STANZA, "unparsable stanza: " + e.getMessage(), e);
        }
    }
}
