package org.jamesxmpp.core.xep.oob.provider;

import java.io.IOException;
import java.util.Optional;

import org.jamesxmpp.core.xep.oob.OutOfBandDataElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

public class OutOfBandDataProvider extends ExtensionElementProvider<OutOfBandDataElement> {
    public static final OutOfBandDataProvider INSTANCE = new OutOfBandDataProvider();

    @Override
    public OutOfBandDataElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        Optional<String> url = Optional.empty();
        Optional<String> desc = Optional.empty();
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.START_ELEMENT) {
                switch (parser.getName()) {
                    case "url":
                        url = Optional.of(PacketParserUtils.parseElementText(parser).trim());
                        break;
                    case "desc":
                        desc = Optional.of(PacketParserUtils.parseElementText(parser));
                        break;
                    default:
                        break;
                }
            } else if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                break;
            }
        }
        return new OutOfBandDataElement(url.orElseThrow(() -> new SmackParsingException.RequiredValueMissingException("url")), desc);
    }
}
