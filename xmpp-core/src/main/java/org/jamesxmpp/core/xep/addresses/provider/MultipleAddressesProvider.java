package org.jamesxmpp.core.xep.addresses.provider;

import java.io.IOException;
import java.util.Optional;

import org.jamesxmpp.core.xep.addresses.AddressEntry;
import org.jamesxmpp.core.xep.addresses.AddressType;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import com.google.common.collect.ImmutableList;

/**
 * Parses XEP-0033 addresses from peer input: entries of unknown type or with an invalid JID are skipped, never thrown.
 */
public class MultipleAddressesProvider extends ExtensionElementProvider<MultipleAddressesElement> {
    public static final MultipleAddressesProvider INSTANCE = new MultipleAddressesProvider();

    @Override
    public MultipleAddressesElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        ImmutableList.Builder<AddressEntry> addresses = ImmutableList.builder();
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.START_ELEMENT && "address".equals(parser.getName())) {
                parseAddress(parser).ifPresent(addresses::add);
            } else if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                return new MultipleAddressesElement(addresses.build());
            }
        }
    }

    private Optional<AddressEntry> parseAddress(XmlPullParser parser) {
        Optional<AddressType> type = AddressType.parse(parser.getAttributeValue("", "type"));
        Optional<String> desc = Optional.ofNullable(parser.getAttributeValue("", "desc"));
        boolean delivered = "true".equals(parser.getAttributeValue("", "delivered"));
        Optional<String> jid = Optional.ofNullable(parser.getAttributeValue("", "jid"));
        Optional<String> uri = Optional.ofNullable(parser.getAttributeValue("", "uri"));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (jid.isPresent()) {
            return parseJid(jid.get()).map(value -> AddressEntry.ofJid(type.get(), value, desc, delivered));
        }
        return uri.map(value -> AddressEntry.ofUri(type.get(), value, desc, delivered));
    }

    private Optional<Jid> parseJid(String value) {
        try {
            return Optional.of(JidCreate.from(value));
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
