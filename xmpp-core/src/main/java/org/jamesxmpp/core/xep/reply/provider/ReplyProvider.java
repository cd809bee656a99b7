package org.jamesxmpp.core.xep.reply.provider;

import java.util.Optional;

import org.jamesxmpp.core.xep.reply.ReplyElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

public class ReplyProvider extends ExtensionElementProvider<ReplyElement> {
    public static final ReplyProvider INSTANCE = new ReplyProvider();

    @Override
    public ReplyElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment) throws SmackParsingException {
        String id = parser.getAttributeValue("", "id");
        if (id == null || id.isEmpty()) {
            throw new SmackParsingException.RequiredAttributeMissingException("id");
        }
        return new ReplyElement(parseJid(parser.getAttributeValue("", "to")), id);
    }

    private Optional<Jid> parseJid(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JidCreate.from(value));
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
