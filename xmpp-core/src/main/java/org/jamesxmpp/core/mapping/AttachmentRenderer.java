package org.jamesxmpp.core.mapping;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jamesxmpp.core.xep.oob.OutOfBandDataElement;
import org.jamesxmpp.core.xep.sfs.FileSharingElement;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smackx.bob.BoBData;
import org.jivesoftware.smackx.bob.ContentId;
import org.jivesoftware.smackx.bob.element.BoBDataExtension;

import com.google.common.hash.Hashing;

/**
 * Attachments: small ones inline as XEP-0231 Bits of Binary, larger ones as an XEP-0066 link when a link provider
 * gives one (with XEP-0447 file sharing metadata: name, size, media type, SHA-256), otherwise a note in the body. Never a silent drop.
 */
final class AttachmentRenderer {
    static final int BOB_MAX_AGE_SECONDS = 86400;

    record Rendering(List<ExtensionElement> elements, List<String> bodyNotes, List<String> resultNotes) {
    }

    private final List<Attachment> attachments;
    private final MappingOptions options;
    private final Map<Integer, Optional<URI>> links = new HashMap<>();
    private final Map<ShrinkLevel, Rendering> renderings = new EnumMap<>(ShrinkLevel.class);

    AttachmentRenderer(List<Attachment> attachments, MappingOptions options) {
        this.attachments = attachments;
        this.options = options;
    }

    static String bobCid(Attachment attachment) {
        return new ContentId(sha1(attachment), "sha1").getCid();
    }

    boolean isInline(Attachment attachment, ShrinkLevel level) {
        return level.inlineData() && attachment.size() <= options.maxInlineAttachmentBytes();
    }

    Rendering render(ShrinkLevel level) {
        return renderings.computeIfAbsent(level, this::renderUncached);
    }

    private Rendering renderUncached(ShrinkLevel level) {
        List<ExtensionElement> elements = new ArrayList<>();
        List<String> bodyNotes = new ArrayList<>();
        List<String> resultNotes = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            Attachment attachment = attachments.get(i);
            String description = describe(attachment);
            if (isInline(attachment, level)) {
                elements.add(new BoBDataExtension(new ContentId(sha1(attachment), "sha1"),
                    new BoBData(attachment.contentType(), attachment.contentNoCopy(), BOB_MAX_AGE_SECONDS)));
                bodyNotes.add("[Attachment: " + description + ", cid:" + bobCid(attachment) + "]");
                continue;
            }
            Optional<URI> link = link(i, attachment);
            if (link.isPresent()) {
                elements.add(new OutOfBandDataElement(link.get().toString(), Optional.of(Texts.xmlSafe(attachment.displayName()))));
                elements.add(new FileSharingElement(Texts.xmlSafe(attachment.contentType()),
                    Texts.xmlSafe(attachment.displayName()), attachment.size(), sha256Base64(attachment), link.get().toString()));
                bodyNotes.add("[Attachment: " + description + ": " + link.get() + "]");
                resultNotes.add("attachment '" + attachment.displayName() + "' sent as a link");
            } else {
                bodyNotes.add("[Attachment not transferred: " + description + ". It is too large for XMPP; ask the sender for another way.]");
                resultNotes.add("attachment '" + attachment.displayName() + "' not transferred");
            }
        }
        return new Rendering(elements, bodyNotes, resultNotes);
    }

    private Optional<URI> link(int index, Attachment attachment) {
        return links.computeIfAbsent(index, any -> options.linkProvider().flatMap(provider -> provider.linkFor(attachment)));
    }

    private static String describe(Attachment attachment) {
        return Texts.singleLine(attachment.displayName(), 200) + " (" + attachment.contentType() + ", " + humanSize(attachment.size()) + ")";
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static String sha256Base64(Attachment attachment) {
        return Base64.getEncoder().encodeToString(Hashing.sha256().hashBytes(attachment.contentNoCopy()).asBytes());
    }

    @SuppressWarnings("deprecation")
    private static String sha1(Attachment attachment) {
        return Hashing.sha1().hashBytes(attachment.contentNoCopy()).toString();
    }
}
