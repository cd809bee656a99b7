package org.jamesxmpp.core.s2s.outbound;

import org.jamesxmpp.core.s2s.DomainPair;

/** What an outgoing connection is for: delivering stanzas, or asking for a dialback verification. */
public sealed interface OutboundPurpose permits OutgoingStream, DialbackVerification {
    DomainPair pair();

    /** The connection ended, however it ended: the one end of every outgoing connection. */
    void terminated(TerminationCause cause);
}
