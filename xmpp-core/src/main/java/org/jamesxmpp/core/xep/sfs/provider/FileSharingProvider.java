package org.jamesxmpp.core.xep.sfs.provider;

import java.io.IOException;
import java.util.Optional;

import org.jamesxmpp.core.xep.sfs.FileSharingElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/** Reads an XEP-0447 {@code <file-sharing/>} with a SHA-256 hash and a URL source; other hashes and sources are skipped. */
public class FileSharingProvider extends ExtensionElementProvider<FileSharingElement> {
    public static final FileSharingProvider INSTANCE = new FileSharingProvider();

    @Override
    public FileSharingElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        Optional<String> mediaType = Optional.empty();
        Optional<String> name = Optional.empty();
        Optional<Long> size = Optional.empty();
        Optional<String> sha256 = Optional.empty();
        Optional<String> url = Optional.empty();
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.START_ELEMENT) {
                switch (parser.getName()) {
                    case "media-type":
                        mediaType = Optional.of(PacketParserUtils.parseElementText(parser).trim());
                        break;
                    case "name":
                        name = Optional.of(PacketParserUtils.parseElementText(parser));
                        break;
                    case "size":
                        size = parseSize(PacketParserUtils.parseElementText(parser).trim());
                        break;
                    case "hash":
                        if (FileSharingElement.SHA_256.equals(parser.getAttributeValue("", "algo"))) {
                            sha256 = Optional.of(PacketParserUtils.parseElementText(parser).trim());
                        }
                        break;
                    case "url-data":
                        url = url.or(() -> Optional.ofNullable(parser.getAttributeValue("", "target")));
                        break;
                    default:
                        break;
                }
            } else if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                break;
            }
        }
        return new FileSharingElement(mediaType.orElse("application/octet-stream"),
            name.orElseThrow(() -> new SmackParsingException.RequiredValueMissingException("name")),
            size.orElseThrow(() -> new SmackParsingException.RequiredValueMissingException("size")),
            sha256.orElse(""),
            url.orElseThrow(() -> new SmackParsingException.RequiredValueMissingException("url-data")));
    }

    private static Optional<Long> parseSize(String text) {
        try {
            long value = Long.parseLong(text);
            return value >= 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
