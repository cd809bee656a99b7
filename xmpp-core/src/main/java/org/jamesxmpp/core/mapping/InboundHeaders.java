package org.jamesxmpp.core.mapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.james.core.MailAddress;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.jamesxmpp.core.xep.addresses.AddressEntry;
import org.jamesxmpp.core.xep.addresses.AddressType;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jamesxmpp.core.xep.reply.ReplyElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.shim.packet.Header;
import org.jivesoftware.smackx.shim.packet.HeadersExtension;
import org.jivesoftware.smackx.sid.element.OriginIdElement;

import com.google.common.hash.Hashing;

/**
 * The header section of an inbound mail: trace fields only we may write (RFC 8601 {@code Authentication-Results},
 * RFC 7259 {@code Jabber-ID}, {@link XmppHeaders}), then the message fields derived from the stanza.
 */
final class InboundHeaders {
    private static final Pattern SIMPLE_ADDRESS = Pattern.compile("[^\\s,;:<>\"()\\\\\\[\\]@]+@[A-Za-z0-9.-]+");
    private static final Set<String> HANDLED_SHIM = Set.of("from", "in-reply-to", "references");

    private final Message stanza;
    private final InboundContext context;
    private final MailAddress sender;
    private final MailAddress recipient;
    private final Message.Type type;
    private final String senderDomain;
    private final List<Header> shim;
    private final String messageId;
    private final List<String> parentReferences;

    InboundHeaders(Message stanza, InboundContext context, MailAddress sender, MailAddress recipient, Message.Type type) {
        this(stanza, context, sender, recipient, type, List.of());
    }

    /** @param parentReferences the replied-to mail's references and own id (msg-ids, no brackets), when it was found */
    InboundHeaders(Message stanza, InboundContext context, MailAddress sender, MailAddress recipient, Message.Type type,
                   List<String> parentReferences) {
        this.stanza = stanza;
        this.context = context;
        this.sender = sender;
        this.recipient = recipient;
        this.type = type;
        this.senderDomain = stanza.getFrom().getDomain().toString();
        this.shim = ShimHeaders.inbound(Optional.ofNullable(HeadersExtension.from(stanza)));
        this.messageId = computeMessageId();
        this.parentReferences = parentReferences;
    }

    String messageId() {
        return messageId;
    }

    void writeTrace(StringBuilder out) {
        String comment = context.authMethod().token() + (context.tls() ? ", TLS" : ", no TLS");
        AuthMethod method = context.authMethod();
        HeaderEncoder.structured(out, "Authentication-Results", context.receivingHost() + "; " + method.resultMethod()
            + "=pass (" + comment + ") " + method.senderProperty() + "=" + sender.asString());
        HeaderEncoder.structured(out, XmppHeaders.JABBER_ID, stanza.getFrom().asBareJid().toString());
        if (stanza.getFrom().hasResource()) {
            HeaderEncoder.unstructured(out, XmppHeaders.FROM, Texts.singleLine(stanza.getFrom().toString(), MailHeaders.MAX_VALUE_CHARS));
        }
        if (stanza.hasExtension("markable", XmppHeaders.CHAT_MARKERS_NAMESPACE)) {
            HeaderEncoder.structured(out, XmppHeaders.MARKABLE, XmppHeaders.MARKABLE_VALUE);
        }
    }

    void writeMessageHeaders(StringBuilder out) {
        Instant date = Optional.ofNullable(DelayInformation.from(stanza))
            .map(delay -> delay.getStamp().toInstant())
            .orElseGet(() -> context.clock().instant());
        HeaderEncoder.structured(out, "Date", HeaderEncoder.date(date));
        HeaderEncoder.structured(out, "From", fromValue());
        Optional<MultipleAddressesElement> addresses = Optional.ofNullable(MultipleAddressesElement.from(stanza));
        String to = addresses.map(element -> addressList(element.getAddresses(AddressType.TO))).orElse("");
        HeaderEncoder.structured(out, "To", to.isEmpty() ? recipient.asString() : to);
        addresses.map(element -> addressList(element.getAddresses(AddressType.CC)))
            .filter(value -> !value.isEmpty())
            .ifPresent(value -> HeaderEncoder.structured(out, "Cc", value));
        addresses.map(element -> addressList(element.getAddresses(AddressType.REPLYTO)))
            .filter(value -> !value.isEmpty())
            .ifPresent(value -> HeaderEncoder.structured(out, "Reply-To", value));
        Optional.ofNullable(stanza.getSubject()).filter(subject -> !subject.isBlank())
            .ifPresent(subject -> HeaderEncoder.unstructured(out, "Subject", subject));
        HeaderEncoder.structured(out, "Message-ID", messageId);
        Optional<String> inReplyTo = inReplyTo();
        inReplyTo.ifPresent(value -> HeaderEncoder.structured(out, "In-Reply-To", value));
        references(inReplyTo).ifPresent(value -> HeaderEncoder.structured(out, "References", value));
        if (type != Message.Type.normal) {
            HeaderEncoder.structured(out, OutboundPlan.TYPE_HEADER, type.name());
        }
        shim.stream()
            .filter(header -> !HANDLED_SHIM.contains(header.getName().toLowerCase(Locale.ROOT)))
            .forEach(header -> HeaderEncoder.unstructured(out, header.getName(), header.getValue()));
    }

    private String fromValue() {
        return shimValue("From")
            .map(value -> LenientAddressParser.DEFAULT.parseMailbox(value))
            .filter(mailbox -> mailbox != null && mailbox.getName() != null && !mailbox.getName().isBlank()
                && mailbox.getAddress().equalsIgnoreCase(sender.asString()))
            .map(mailbox -> HeaderEncoder.displayName(mailbox.getName()) + " <" + sender.asString() + ">")
            .orElse(sender.asString());
    }

    private String computeMessageId() {
        Optional<String> stanzaId = Optional.ofNullable(OriginIdElement.getOriginId(stanza))
            .map(OriginIdElement::getId)
            .or(() -> Optional.ofNullable(stanza.getStanzaId()))
            .map(id -> Texts.singleLine(id, 900))
            .filter(id -> !id.isEmpty());
        return stanzaId.map(id -> MessageIds.toMsgId(id, senderDomain))
            .orElseGet(() -> MessageIds.toMsgId("jx-" + Hashing.murmur3_128()
                .hashUnencodedChars(stanza.getFrom() + "|" + stanza.getTo() + "|" + stanza.getBody() + "|" + context.clock().instant())
                .toString(), senderDomain));
    }

    private Optional<String> inReplyTo() {
        Optional<String> fromShim = shimValue("In-Reply-To").flatMap(MessageIds::firstMsgId).map(id -> "<" + id + ">");
        return fromShim.or(() -> ReplyElement.from(stanza)
            .map(reply -> MessageIds.toMsgId(Texts.singleLine(reply.getId(), 900),
                reply.getTo().map(jid -> jid.getDomain().toString()).orElse(senderDomain))));
    }

    private Optional<String> references(Optional<String> inReplyTo) {
        List<String> fromShim = shimValue("References").map(MessageIds::parseMsgIds).orElse(List.of());
        Set<String> references = new LinkedHashSet<>();
        if (!fromShim.isEmpty()) {
            fromShim.forEach(id -> references.add("<" + id + ">"));
        } else if (!parentReferences.isEmpty() && inReplyTo.isPresent()) {
            parentReferences.forEach(id -> references.add("<" + id + ">"));
        } else {
            Optional.ofNullable(stanza.getThread())
                .map(thread -> Texts.singleLine(thread, 900))
                .filter(thread -> !thread.isEmpty())
                .ifPresent(thread -> references.add(MessageIds.toMsgId(thread, senderDomain)));
        }
        inReplyTo.ifPresent(references::add);
        return references.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", references));
    }

    private Optional<String> shimValue(String name) {
        return shim.stream()
            .filter(header -> header.getName().equalsIgnoreCase(name))
            .map(Header::getValue)
            .findFirst();
    }

    private static String addressList(List<AddressEntry> entries) {
        List<String> values = new ArrayList<>();
        for (AddressEntry entry : entries) {
            Optional<String> address = entry.jid().flatMap(StanzaToMime::optionalMailAddress).map(MailAddress::asString)
                .or(() -> entry.uri().filter(uri -> uri.regionMatches(true, 0, "mailto:", 0, 7))
                    .map(uri -> uri.substring(7))
                    .filter(value -> SIMPLE_ADDRESS.matcher(value).matches()));
            address.ifPresent(value -> values.add(entry.desc()
                .filter(desc -> !desc.isBlank())
                .map(desc -> HeaderEncoder.displayName(desc) + " <" + value + ">")
                .orElse(value)));
        }
        return values.stream().collect(Collectors.joining(", "));
    }
}
