package org.jamesxmpp.core.mapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.jamesxmpp.core.address.AddressMapper;
import org.jamesxmpp.core.address.UnmappableAddressException;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jamesxmpp.core.xep.mime.OriginalMimeElement;
import org.jamesxmpp.core.xep.reply.ReplyElement;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.forward.packet.Forwarded;
import org.jivesoftware.smackx.shim.packet.HeadersExtension;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jivesoftware.smackx.xhtmlim.packet.XHTMLExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;

import com.google.common.hash.Hashing;

/**
 * Everything of a stanza that does not depend on the recipient, computed once per mail; {@link #build} adds the
 * recipient and applies a {@link ShrinkLevel}.
 */
final class OutboundPlan {
    static final String TYPE_HEADER = "X-Xmpp-Type";

    private final EntityBareJid from;
    private final Message.Type type;
    private final String stanzaId;
    private final Optional<String> subject;
    private final String text;
    private final Optional<String> xhtmlBody;
    private final String thread;
    private final Optional<ReplyElement> reply;
    private final Optional<DelayInformation> delay;
    private final Optional<HeadersExtension> shimHeaders;
    private final List<ExtensionElement> forwarded;
    private final List<String> forwardedTexts;
    private final AttachmentRenderer attachments;
    private final Optional<OriginalMimeElement> originalMime;

    OutboundPlan(ParsedMail mail, EntityBareJid from, byte[] mime, MappingOptions options) {
        MailHeaders headers = mail.headers();
        this.from = from;
        this.type = headers.lowerCase(TYPE_HEADER).map(OutboundPlan::parseType).orElse(Message.Type.normal);
        Optional<String> messageId = headers.raw("Message-ID").flatMap(MessageIds::firstMsgId);
        this.stanzaId = messageId.map(MessageIds::toStanzaId)
            .orElseGet(() -> "jx-" + Hashing.murmur3_128().hashBytes(mime).toString());
        this.subject = headers.text("Subject").map(Texts::xmlSafe);
        Optional<String> inReplyTo = headers.raw("In-Reply-To").flatMap(MessageIds::firstMsgId);
        this.thread = headers.raw("References").flatMap(MessageIds::firstMsgId)
            .or(() -> inReplyTo)
            .map(MessageIds::toStanzaId)
            .orElse(stanzaId);
        this.reply = inReplyTo.map(id -> new ReplyElement(Optional.empty(), MessageIds.toStanzaId(id)));
        this.delay = headers.date("Date").map(date -> new XepDelay(date, from.getDomain().toString()));
        this.shimHeaders = ShimHeaders.outbound(headers);
        this.attachments = new AttachmentRenderer(mail.attachments(), options);
        this.xhtmlBody = mail.html().map(html -> HtmlConverter.toXhtmlImBody(withBobReferences(html, mail.attachments())));
        this.text = stripTrailingLineEnds(mail.text().isBlank() && mail.html().isPresent() ? HtmlConverter.toText(mail.html().get()) : mail.text());
        this.forwarded = new ArrayList<>();
        this.forwardedTexts = new ArrayList<>();
        mail.forwarded().forEach(this::addForwarded);
        this.originalMime = options.includeOriginalMime() ? Optional.of(OriginalMimeElement.of(mime)) : Optional.empty();
    }

    String stanzaId() {
        return stanzaId;
    }

    List<String> resultNotes(ShrinkLevel level) {
        List<String> notes = new ArrayList<>(attachments.render(level).resultNotes());
        if (originalMime.isPresent() && !level.originalMime()) {
            notes.add(0, "original MIME left out: the stanza would exceed the size limit");
        }
        if (xhtmlBody.isPresent() && !level.xhtml()) {
            notes.add("HTML left out: the stanza would exceed the size limit");
        }
        return notes;
    }

    boolean changesAnything(ShrinkLevel level) {
        switch (level) {
            case WITHOUT_ORIGINAL_MIME:
                return originalMime.isPresent();
            case WITHOUT_INLINE_DATA:
                return !attachments.render(ShrinkLevel.FULL).elements().isEmpty();
            case WITHOUT_XHTML:
                return xhtmlBody.isPresent();
            default:
                return true;
        }
    }

    Message build(Jid to, Optional<MultipleAddressesElement> addresses, ShrinkLevel level) {
        AttachmentRenderer.Rendering rendering = attachments.render(level);
        MessageBuilder builder = StanzaBuilder.buildMessage(stanzaId)
            .from(from)
            .to(to)
            .ofType(type);
        subject.ifPresent(builder::setSubject);
        builder.setBody(body(rendering.bodyNotes()));
        builder.setThread(thread);
        if (level.xhtml()) {
            xhtmlBody.ifPresent(xhtml -> builder.addExtension(xhtml(xhtml)));
        }
        builder.addExtension(new OriginIdElement(stanzaId));
        reply.ifPresent(builder::addExtension);
        delay.ifPresent(builder::addExtension);
        addresses.ifPresent(builder::addExtension);
        shimHeaders.ifPresent(builder::addExtension);
        forwarded.forEach(builder::addExtension);
        rendering.elements().forEach(builder::addExtension);
        if (level.originalMime()) {
            originalMime.ifPresent(builder::addExtension);
        }
        return builder.build();
    }

    private String body(List<String> notes) {
        if (notes.isEmpty() && forwardedTexts.isEmpty()) {
            return text;
        }
        StringBuilder body = new StringBuilder(text);
        forwardedTexts.forEach(forwardedText -> separate(body).append(forwardedText));
        notes.forEach(note -> separate(body).append(note));
        return body.toString();
    }

    private static StringBuilder separate(StringBuilder body) {
        if (body.length() > 0) {
            body.append("\n\n");
        }
        return body;
    }

    private void addForwarded(ParsedMail.ForwardedMail mail) {
        MailHeaders headers = mail.headers();
        MessageBuilder inner = StanzaBuilder.buildMessage(null).ofType(Message.Type.normal);
        headers.mailboxes("From").stream().findFirst().flatMap(OutboundPlan::jid).ifPresent(inner::from);
        headers.text("Subject").map(Texts::xmlSafe).ifPresent(inner::setSubject);
        inner.setBody(stripTrailingLineEnds(mail.text()));
        Optional<Instant> date = headers.date("Date");
        DelayInformation forwardedDelay = new XepDelay(date.orElse(Instant.EPOCH));
        forwarded.add(new Forwarded<>(forwardedDelay, inner.build()));
        StringBuilder rendered = new StringBuilder("---------- Forwarded message ----------\n");
        headers.text("From").ifPresent(value -> rendered.append("From: ").append(Texts.xmlSafe(value)).append('\n'));
        headers.text("Date").ifPresent(value -> rendered.append("Date: ").append(Texts.xmlSafe(value)).append('\n'));
        headers.text("Subject").ifPresent(value -> rendered.append("Subject: ").append(Texts.xmlSafe(value)).append('\n'));
        rendered.append('\n').append(stripTrailingLineEnds(mail.text()));
        forwardedTexts.add(rendered.toString());
    }

    private static Optional<EntityBareJid> jid(Mailbox mailbox) {
        try {
            if (mailbox.getDomain() == null) {
                return Optional.empty();
            }
            return Optional.of(AddressMapper.toJid(new MailAddress(mailbox.getLocalPart(), mailbox.getDomain())));
        } catch (UnmappableAddressException | AddressException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String stripTrailingLineEnds(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '\n') {
            end--;
        }
        return value.substring(0, end);
    }

    private static XHTMLExtension xhtml(String body) {
        XHTMLExtension extension = new XHTMLExtension();
        extension.addBody(body);
        return extension;
    }

    private String withBobReferences(String html, List<Attachment> all) {
        String result = html;
        for (Attachment attachment : all) {
            if (attachment.contentId().isPresent() && attachments.isInline(attachment, ShrinkLevel.FULL)) {
                result = result.replace("cid:" + attachment.contentId().get(), "cid:" + AttachmentRenderer.bobCid(attachment));
            }
        }
        return result;
    }

    private static Message.Type parseType(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "chat":
                return Message.Type.chat;
            case "headline":
                return Message.Type.headline;
            default:
                return Message.Type.normal;
        }
    }
}
