package org.jamesxmpp.core.s2s.outbound;

import java.util.Optional;

import org.jamesxmpp.core.s2s.codec.StreamHeader;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;

/**
 * What the peer said about its side of a stream we opened, gathered over its headers and features (a stream restart
 * gives a new id; an offer seen once stays).
 *
 * @param streamId the id of the peer's current stream, the base of our dialback keys
 */
record PeerOffers(Optional<String> streamId, boolean dialbackDeclared, boolean dialbackOffered, boolean smOffered) {
    static final PeerOffers NONE = new PeerOffers(Optional.empty(), false, false, false);

    PeerOffers withHeader(StreamHeader header) {
        return new PeerOffers(header.id(), header.dialbackDeclared(), dialbackOffered, smOffered);
    }

    PeerOffers withFeatures(XmlElement features) {
        return new PeerOffers(streamId, dialbackDeclared,
            dialbackOffered || features.child(StreamXml.DIALBACK_FEATURE_NAMESPACE, "dialback").isPresent(),
            smOffered || features.child(StreamXml.SM_NAMESPACE, "sm").isPresent());
    }

    /** Whether further db:results may go over this stream (XEP-0220 piggybacking). */
    boolean dialback() {
        return dialbackOffered || dialbackDeclared;
    }

    static boolean offersDialback(XmlElement features) {
        return features.child(StreamXml.DIALBACK_FEATURE_NAMESPACE, "dialback").isPresent();
    }

    static boolean offersSaslExternal(XmlElement features) {
        return features.child(StreamXml.SASL_NAMESPACE, "mechanisms").stream()
            .flatMap(mechanisms -> mechanisms.children().stream())
            .anyMatch(mechanism -> "EXTERNAL".equals(mechanism.text().trim()));
    }
}
