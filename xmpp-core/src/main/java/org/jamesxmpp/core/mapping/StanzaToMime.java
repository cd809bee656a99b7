package org.jamesxmpp.core.mapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.jamesxmpp.core.address.AddressMapper;
import org.jamesxmpp.core.address.UnmappableAddressException;
import org.jamesxmpp.core.xep.SmackBootstrap;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jamesxmpp.core.xep.mime.OriginalMimeElement;
import org.jamesxmpp.core.xep.oob.OutOfBandDataElement;
import org.jamesxmpp.core.xep.sfs.FileSharingElement;
import org.jamesxmpp.core.xep.sims.MediaSharingElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.bob.element.BoBDataExtension;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.forward.packet.Forwarded;
import org.jivesoftware.smackx.xhtmlim.packet.XHTMLExtension;
import org.jxmpp.jid.Jid;

import com.google.common.collect.ImmutableList;

/**
 * Inbound: a message stanza from an authenticated peer becomes a mail, or {@link NotMail}. Pure: the arrival time
 * comes from the context's clock. See {@code docs/mapping.md}.
 */
public final class StanzaToMime {
    private StanzaToMime() {
    }

    /**
     * @throws MappingException when the stanza should be answered with a stanza error (its condition is given)
     */
    public static InboundResult convert(Message stanza, InboundContext context) throws MappingException {
        return convert(stanza, context, List.of());
    }

    /**
     * @param links what became of the stanza's file links ({@link InboundLinks#of}): fetched ones are attached, the
     *     others stay links in the body with a note saying why
     * @throws MappingException when the stanza should be answered with a stanza error (its condition is given)
     */
    public static InboundResult convert(Message stanza, InboundContext context, List<LinkFetch> links) throws MappingException {
        return convert(stanza, context, links, ReferencedMails.UNRESOLVED);
    }

    /**
     * @param referenced what the sender's mailbox holds of the mails the stanza replies to and forwards (a client's
     *     message): the reply continues the replied-to mail's {@code References}; a forwarded mail found is attached as
     *     it is, one not found is quoted
     * @throws MappingException when the stanza should be answered with a stanza error (its condition is given)
     */
    public static InboundResult convert(Message stanza, InboundContext context, List<LinkFetch> links,
                                        ReferencedMails referenced) throws MappingException {
        SmackBootstrap.initialize();
        Message.Type type = Optional.ofNullable(stanza.getType()).orElse(Message.Type.normal);
        if (type == Message.Type.groupchat) {
            return new NotMail(NotMail.Kind.GROUPCHAT);
        }
        if (type == Message.Type.error) {
            return new NotMail(NotMail.Kind.ERROR);
        }
        Jid from = required(stanza.getFrom(), "from");
        Jid to = required(stanza.getTo(), "to");
        if (!from.asDomainBareJid().equals(context.peerDomain())) {
            throw new MappingException(MappingException.Reason.SENDER_NOT_AUTHENTICATED,
                "stanza from " + from.getDomain() + " on a stream authenticated for " + context.peerDomain());
        }
        MailAddress sender = mailAddress(from, MappingException.Reason.UNMAPPABLE_SENDER);
        Optional<MultipleAddressesElement> addresses = Optional.ofNullable(MultipleAddressesElement.from(stanza));
        if (addresses.map(element -> element.getAddresses().size() > context.options().maxAddresses()).orElse(false)) {
            throw new MappingException(MappingException.Reason.TOO_MANY_ADDRESSES,
                "more than " + context.options().maxAddresses() + " addresses");
        }
        List<MailAddress> recipients = InboundRecipients.of(to, addresses);
        InboundHeaders headers = new InboundHeaders(stanza, context, sender, recipients.get(0), type, referenced.parentReferences());
        Optional<OriginalMimeElement> original = OriginalMimeElement.from(stanza)
            .filter(any -> context.options().originalMimePeers().contains(context.peerDomain().toString()));
        if (original.isPresent()) {
            return fromOriginal(original.get(), headers, context, sender, recipients, type);
        }
        // Smack's getBody() collects (and hashes) every body each time: read once.
        String bodyText = Optional.ofNullable(stanza.getBody()).orElse("");
        if (!hasContent(stanza, bodyText)) {
            return new NotMail(NotMail.Kind.NO_CONTENT);
        }
        StringBuilder mime = new StringBuilder(1024);
        headers.writeTrace(mime);
        headers.writeMessageHeaders(mime);
        mime.append("MIME-Version: 1.0\r\n");
        byte[] bytes = withBody(mime.toString(), stanza, bodyText, context, links, referenced);
        checkSize(bytes.length, context);
        return new InboundMail(bytes, sender, recipients, type, headers.messageId());
    }

    private static InboundResult fromOriginal(OriginalMimeElement original, InboundHeaders headers, InboundContext context,
                                              MailAddress sender, List<MailAddress> recipients, Message.Type type) throws MappingException {
        byte[] decoded;
        try {
            decoded = original.decode();
        } catch (IllegalArgumentException e) {
            throw new MappingException(MappingException.Reason.MALFORMED_STANZA, "original MIME is not base64", e);
        }
        checkSize(decoded.length, context);
        StringBuilder trace = new StringBuilder(256);
        headers.writeTrace(trace);
        byte[] prefix = MimeComposer.bytes(trace.toString());
        byte[] kept = OriginalMime.forSender(decoded, sender);
        byte[] mime = new byte[prefix.length + kept.length];
        System.arraycopy(prefix, 0, mime, 0, prefix.length);
        System.arraycopy(kept, 0, mime, prefix.length, kept.length);
        String messageId = OriginalMime.messageId(kept).orElse(headers.messageId());
        return new InboundMail(mime, sender, recipients, type, messageId);
    }

    private static byte[] withBody(String head, Message stanza, String bodyText, InboundContext context, List<LinkFetch> links,
                                   ReferencedMails referenced) {
        String withLinks = textWithLinks(stanza, bodyText, links);
        List<String> forwardedParts = new ArrayList<>();
        List<byte[]> originals = new ArrayList<>();
        int index = 0;
        for (Forwarded<?> forwarded : stanza.getExtensions(Forwarded.class)) {
            if (!(forwarded.getForwardedStanza() instanceof Message inner)) {
                continue;
            }
            Optional<byte[]> original = index < referenced.forwarded().size() ? referenced.forwarded().get(index) : Optional.empty();
            index++;
            if (!referenced.resolved()) {
                forwardedParts.add(MimeComposer.rfc822(forwardedMessage(inner, forwarded.getDelayInformation(), context)));
            } else if (original.isPresent()) {
                originals.add(original.get());
            } else {
                withLinks = ForwardedParts.quote(withLinks, inner, Optional.ofNullable(forwarded.getDelayInformation()), context);
            }
        }
        String text = withLinks;
        Optional<XHTMLExtension> xhtml = Optional.ofNullable(XHTMLExtension.from(stanza))
            .filter(extension -> extension.getBodiesCount() > 0);
        String main = xhtml
            .map(extension -> MimeComposer.multipart("alternative", 2, List.of(
                MimeComposer.text("plain", text),
                MimeComposer.text("html", HtmlConverter.toHtmlDocument(extension.getBodies().get(0))))))
            .orElseGet(() -> MimeComposer.text("plain", text));
        List<String> extra = new ArrayList<>();
        List<BoBDataExtension> bobs = stanza.getExtensions(BoBDataExtension.class);
        for (BoBDataExtension bob : bobs) {
            String type = MimeComposer.safeContentType(Optional.ofNullable(bob.getBobData().getType()).orElse("application/octet-stream"));
            String fileName = "bob-" + bob.getContentId().getHash() + "." + type.substring(type.indexOf('/') + 1);
            extra.add(MimeComposer.binary(type, fileName, bob.getContentId().getCid(), bob.getBobData().getContent()));
        }
        for (LinkFetch link : links) {
            if (link instanceof LinkFetch.Fetched fetched) {
                extra.add(MimeComposer.attachment(fetched.contentType(), fetched.fileName(), fetched.content()));
            }
        }
        extra.addAll(forwardedParts);
        if (!originals.isEmpty()) {
            return ForwardedParts.mixed(head, main, extra, originals);
        }
        if (extra.isEmpty()) {
            return MimeComposer.bytes(head + main);
        }
        return MimeComposer.bytes(head + MimeComposer.multipart("mixed", 1, ImmutableList.<String>builder().add(main).addAll(extra).build()));
    }

    private static String forwardedMessage(Message inner, DelayInformation delay, InboundContext context) {
        StringBuilder mime = new StringBuilder(512);
        Optional.ofNullable(inner.getFrom())
            .flatMap(StanzaToMime::optionalMailAddress)
            .ifPresent(address -> HeaderEncoder.structured(mime, "From", address.asString()));
        Instant date = Optional.ofNullable(delay).map(value -> value.getStamp().toInstant()).orElse(context.clock().instant());
        HeaderEncoder.structured(mime, "Date", HeaderEncoder.date(date));
        Optional.ofNullable(inner.getSubject()).ifPresent(subject -> HeaderEncoder.unstructured(mime, "Subject", subject));
        mime.append("MIME-Version: 1.0\r\n");
        mime.append(MimeComposer.text("plain", Texts.xmlSafe(Optional.ofNullable(inner.getBody()).orElse(""))));
        return mime.toString();
    }

    private static String textWithLinks(Message stanza, String bodyText, List<LinkFetch> links) {
        StringBuilder text = new StringBuilder(bodyText);
        for (OutOfBandDataElement oob : OutOfBandDataElement.from(stanza)) {
            appendLink(text, oob.getDesc().map(desc -> Texts.singleLine(desc, 200) + ": ").orElse(""), oob.getUrl());
        }
        for (FileSharingElement file : FileSharingElement.from(stanza)) {
            appendLink(text, Texts.singleLine(file.name(), 200) + ": ", file.url());
        }
        for (MediaSharingElement file : MediaSharingElement.from(stanza)) {
            file.webSource().ifPresent(url -> appendLink(text,
                file.name().map(name -> Texts.singleLine(name, 200) + ": ").orElse(""), url));
        }
        for (LinkFetch link : links) {
            if (link instanceof LinkFetch.Failed failed) {
                text.append(text.length() > 0 ? "\n\n" : "").append("[Link not attached: ").append(failed.url())
                    .append(": ").append(Texts.singleLine(failed.reason(), 300)).append(']');
            }
        }
        return Texts.normalizedText(text.toString());
    }

    private static void appendLink(StringBuilder text, String label, String url) {
        if (text.indexOf(url) < 0) {
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(label).append(url);
        }
    }

    private static boolean hasContent(Message stanza, String bodyText) {
        return !bodyText.isEmpty()
            || Optional.ofNullable(stanza.getSubject()).map(subject -> !subject.isEmpty()).orElse(false)
            || XHTMLExtension.from(stanza) != null
            || !stanza.getExtensions(BoBDataExtension.class).isEmpty()
            || !OutOfBandDataElement.from(stanza).isEmpty()
            || !FileSharingElement.from(stanza).isEmpty()
            || MediaSharingElement.from(stanza).stream().anyMatch(file -> file.webSource().isPresent())
            || !stanza.getExtensions(Forwarded.class).isEmpty();
    }

    private static void checkSize(int size, InboundContext context) throws MappingException {
        if (size > context.options().maxMimeBytes()) {
            throw new MappingException(MappingException.Reason.TOO_LARGE,
                "mail of " + size + " bytes exceeds the limit of " + context.options().maxMimeBytes());
        }
    }

    private static Jid required(Jid jid, String attribute) throws MappingException {
        if (jid == null) {
            throw new MappingException(MappingException.Reason.MALFORMED_STANZA, "no '" + attribute + "' attribute");
        }
        return jid;
    }

    private static MailAddress mailAddress(Jid jid, MappingException.Reason reason) throws MappingException {
        try {
            return AddressMapper.toMailAddress(jid);
        } catch (UnmappableAddressException e) {
            throw new MappingException(reason, e.getMessage(), e);
        }
    }

    static Optional<MailAddress> optionalMailAddress(Jid jid) {
        try {
            return Optional.of(AddressMapper.toMailAddress(jid));
        } catch (UnmappableAddressException e) {
            return Optional.empty();
        }
    }
}
