package org.jamesxmpp.listener.c2s;

import java.util.Locale;
import java.util.Optional;

import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;

/** The stanza error a client gets back for a stanza that could not go where it was addressed (RFC 6120 8.3). */
final class ErrorReplies {
    private ErrorReplies() {
    }

    static String of(Stanza stanza, StanzaErrorException error) {
        String kind = stanza instanceof Message ? "message" : stanza instanceof IQ ? "iq" : "presence";
        return StreamXml.stanzaError(kind, stanza.getTo().toString(), stanza.getFrom().toString(),
            Optional.ofNullable(stanza.getStanzaId()), error.type().name().toLowerCase(Locale.ROOT),
            error.condition().toString());
    }
}
