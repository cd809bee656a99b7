package org.jamesxmpp.core.xep.mime.provider;

import java.io.IOException;

import org.jamesxmpp.core.xep.mime.OriginalMimeElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

public class OriginalMimeProvider extends ExtensionElementProvider<OriginalMimeElement> {
    public static final OriginalMimeProvider INSTANCE = new OriginalMimeProvider();

    @Override
    public OriginalMimeElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        return new OriginalMimeElement(PacketParserUtils.parseElementText(parser).trim());
    }
}
