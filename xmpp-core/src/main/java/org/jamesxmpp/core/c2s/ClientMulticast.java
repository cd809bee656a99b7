package org.jamesxmpp.core.c2s;

import java.util.Optional;

import org.jamesxmpp.core.address.AddressMapper;
import org.jamesxmpp.core.address.UnmappableAddressException;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.Xml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.xep.addresses.AddressType;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * The XEP-0033 address block of a message a client sends to its server as multicast service (the server's domain as
 * {@code to}), checked as the client wrote it, before Smack's parsing (ours skips what it cannot read, which would
 * silently lose a recipient). Pure. A {@code to}, {@code cc} or {@code bcc} address must be a user's JID (it becomes
 * a mail recipient); {@code replyto} needs a JID or a {@code mailto:} URI; {@code noreply} carries no address and
 * excludes {@code replyto}/{@code replyroom} (XEP-0033 4.6); {@code ofrom} is not the client's to claim. How many
 * addresses is the mapping's limit ({@code mapping/maxAddresses}, {@code not-acceptable}).
 */
final class ClientMulticast {
    /** Why a block is refused: the stanza error condition (RFC 6120 8.3.3) and a text for the client. */
    record Refusal(String condition, String text) {
        /** The error the client gets back for its message {@code id}, from the server's {@code domain}. */
        String toXml(String id, String domain) {
            return "<message type='error' id='" + Xml.escapeAttribute(id) + "' from='" + Xml.escapeAttribute(domain)
                + "'><error type='modify'><" + condition + " xmlns='" + StreamXml.STANZA_ERROR_NAMESPACE + "'/><text xmlns='"
                + StreamXml.STANZA_ERROR_NAMESPACE + "'>" + Xml.escapeText(text) + "</text></error></message>";
        }
    }

    private ClientMulticast() {
    }

    static Optional<XmlElement> addresses(XmlElement message) {
        return message.child(MultipleAddressesElement.NAMESPACE, MultipleAddressesElement.ELEMENT);
    }

    static Optional<Refusal> check(XmlElement addresses) {
        int recipients = 0;
        boolean noreply = false;
        boolean replyTarget = false;
        for (XmlElement address : addresses.children()) {
            if (!address.is(MultipleAddressesElement.NAMESPACE, "address")) {
                continue;
            }
            Optional<AddressType> type = address.attribute("type").flatMap(AddressType::parse);
            if (type.isEmpty()) {
                return refuse("bad-request", "an address without a known type: " + address.attribute("type").orElse("(none)"));
            }
            Optional<String> jid = address.attribute("jid");
            Optional<String> uri = address.attribute("uri");
            if (jid.isPresent() && uri.isPresent()) {
                return refuse("bad-request", "an address with both a jid and a uri");
            }
            switch (type.get()) {
                case TO, CC, BCC -> {
                    if (jid.isEmpty()) {
                        return refuse("jid-malformed", "a " + type.get().value() + " address needs a jid (uri is not supported)");
                    }
                    if (!isUser(jid.get())) {
                        return refuse("jid-malformed", "not a user's address: " + jid.get());
                    }
                    if (!"true".equals(address.attribute("delivered").orElse(""))) {
                        recipients++;
                    }
                }
                case REPLYTO -> {
                    if (jid.map(value -> !isUser(value)).orElse(false)
                        || uri.map(value -> !value.regionMatches(true, 0, "mailto:", 0, 7)).orElse(false)) {
                        return refuse("jid-malformed", "a replyto address must be a user's jid or a mailto: uri");
                    }
                    if (jid.isEmpty() && uri.isEmpty()) {
                        return refuse("bad-request", "a replyto address without a jid or uri");
                    }
                    replyTarget = true;
                }
                case REPLYROOM -> replyTarget = true;
                case NOREPLY -> {
                    if (jid.isPresent() || uri.isPresent()) {
                        return refuse("bad-request", "a noreply address carries no address");
                    }
                    noreply = true;
                }
                case OFROM -> {
                    return refuse("bad-request", "an ofrom address is not for a client to give");
                }
            }
        }
        if (noreply && replyTarget) {
            return refuse("bad-request", "noreply together with replyto or replyroom");
        }
        if (recipients == 0) {
            return refuse("bad-request", "no to, cc or bcc address to deliver to");
        }
        return Optional.empty();
    }

    /** A JID that is a mail address: the mapping would drop any other recipient. */
    private static boolean isUser(String value) {
        try {
            AddressMapper.toMailAddress(JidCreate.from(value));
            return true;
        } catch (XmppStringprepException | UnmappableAddressException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<Refusal> refuse(String condition, String text) {
        return Optional.of(new Refusal(condition, text));
    }
}
