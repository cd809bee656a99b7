package org.jamesxmpp.listener.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.jamesxmpp.core.store.DedupKey;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.sid.element.OriginIdElement;

import com.google.common.collect.ImmutableSet;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;

/**
 * The {@link DedupKey} of an inbound message: sender and recipient bare JIDs, the XEP-0359 origin-id (else the stanza
 * id), and a SHA-256 of the content (type, then every child element in order: body, subject, thread, XHTML,
 * attachments...). Left out of the digest is what a server may add or change when it sends the same stanza again:
 * delay stamps (XEP-0203, XEP-0091) and stanza ids (XEP-0359, the origin-id is in the key already).
 */
final class InboundDedupKeys {
    private static final Set<String> VOLATILE_NAMESPACES = ImmutableSet.of("urn:xmpp:delay", "jabber:x:delay",
        "urn:xmpp:sid:0");

    private InboundDedupKeys() {
    }

    /** Empty when the message has no usable id: then it cannot be recognised again and is not deduplicated. */
    static Optional<DedupKey> of(Message message) {
        Optional<String> id = Optional.ofNullable(OriginIdElement.getOriginId(message))
            .map(OriginIdElement::getId)
            .or(() -> Optional.ofNullable(message.getStanzaId()))
            .filter(value -> !value.isBlank());
        if (id.isEmpty() || message.getFrom() == null || message.getTo() == null) {
            return Optional.empty();
        }
        return Optional.of(DedupKey.of(message.getFrom().asBareJid().toString(), message.getTo().asBareJid().toString(),
            id.get(), contentDigest(message)));
    }

    private static String contentDigest(Message message) {
        Hasher hasher = Hashing.sha256().newHasher();
        putString(hasher, message.getType().name());
        for (ExtensionElement element : message.getExtensions()) {
            if (!VOLATILE_NAMESPACES.contains(element.getNamespace())) {
                putString(hasher, element.toXML().toString());
            }
        }
        return hasher.hash().toString();
    }

    private static void putString(Hasher hasher, String value) {
        hasher.putInt(value.length()).putString(value, StandardCharsets.UTF_8);
    }
}
