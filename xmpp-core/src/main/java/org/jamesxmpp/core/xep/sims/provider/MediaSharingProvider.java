package org.jamesxmpp.core.xep.sims.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jamesxmpp.core.xep.sims.MediaSharingElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/**
 * Reads an XEP-0372 {@code <reference/>}: the XEP-0385 file and source URIs of a {@code <media-sharing/>} in it (at
 * most {@value #MAX_SOURCES} sources); anything else (hashes, thumbnails, a mention's {@code uri}) is skipped.
 */
public class MediaSharingProvider extends ExtensionElementProvider<MediaSharingElement> {
    public static final MediaSharingProvider INSTANCE = new MediaSharingProvider();
    static final int MAX_SOURCES = 8;

    @Override
    public MediaSharingElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        Optional<String> name = Optional.empty();
        Optional<String> mediaType = Optional.empty();
        Optional<Long> size = Optional.empty();
        List<String> sources = new ArrayList<>();
        boolean inMediaSharing = false;
        boolean inSources = false;
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.START_ELEMENT) {
                String element = parser.getName();
                String namespace = parser.getNamespace();
                if ("media-sharing".equals(element) && MediaSharingElement.SIMS_NAMESPACE.equals(namespace)) {
                    inMediaSharing = true;
                } else if (inMediaSharing && "sources".equals(element)) {
                    inSources = true;
                } else if (inSources && MediaSharingElement.ELEMENT.equals(element) && sources.size() < MAX_SOURCES) {
                    Optional.ofNullable(parser.getAttributeValue("", "uri")).ifPresent(sources::add);
                } else if (inMediaSharing && !inSources && "name".equals(element)) {
                    name = Optional.of(PacketParserUtils.parseElementText(parser));
                } else if (inMediaSharing && !inSources && "media-type".equals(element)) {
                    mediaType = Optional.of(PacketParserUtils.parseElementText(parser).trim());
                } else if (inMediaSharing && !inSources && "size".equals(element)) {
                    size = parseSize(PacketParserUtils.parseElementText(parser).trim());
                }
            } else if (event == XmlPullParser.Event.END_ELEMENT) {
                if (parser.getDepth() == initialDepth) {
                    break;
                }
                if ("sources".equals(parser.getName())) {
                    inSources = false;
                }
            }
        }
        return new MediaSharingElement(name, mediaType, size, sources);
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
